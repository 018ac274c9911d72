package io.sfntaskbridge.task;

/**
 * Shortens text to a hard character limit without hiding that it was shortened: the result ends with
 * {@link #MARKER} and never ends inside a surrogate pair.
 */
public final class TextTruncation {

    /** Appended to truncated text so that a reader of the execution history sees it is incomplete. */
    public static final String MARKER = "…[truncated]";

    private TextTruncation() {
    }

    /**
     * Returns {@code text} unchanged when it has at most {@code maxChars} characters, otherwise a prefix followed by
     * {@link #MARKER}, {@code maxChars} characters at most in total.
     *
     * @throws IllegalArgumentException when {@code maxChars} cannot hold the marker
     */
    public static String truncate(String text, int maxChars) {
        if (maxChars < MARKER.length()) {
            throw new IllegalArgumentException("maxChars " + maxChars + " is shorter than the truncation marker");
        }
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        int end = maxChars - MARKER.length();
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + MARKER;
    }
}
