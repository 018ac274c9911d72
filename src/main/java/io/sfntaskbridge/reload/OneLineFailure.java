package io.sfntaskbridge.reload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a Camel exception chain (startup, or a refused route edit) into one line an operator can act on. Camel wraps the real problem (a YAML parse
 * error, a refused connection) in several layers whose messages repeat each other; we keep each distinct message once,
 * outermost first, so the route file name from the wrapper and the reason from the root both survive.
 * <p>
 * YAML errors (snakeyaml and Camel's YAML DSL) span several lines: problem, {@code in <file>, line N, column M:}, a
 * snippet of the file and a caret. The location lines are the useful part, so they are kept; snippet and caret are
 * dropped.
 */
public final class OneLineFailure {

    /** snakeyaml's {@code Mark}: {@code in <source>, line N, column M}, followed by ':' when a snippet follows. */
    private static final Pattern LOCATION = Pattern.compile("in .+, line \\d+, column \\d+:?");
    private static final Pattern CARET = Pattern.compile("\\s*\\^\\s*");

    private OneLineFailure() {
    }

    public static String describe(Throwable failure) {
        Set<String> messages = new LinkedHashSet<>();
        Set<Throwable> seenCauses = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seenCauses.add(t); t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : oneLine(t.getMessage());
            if (messages.stream().noneMatch(seen -> seen.contains(message))) {
                messages.add(message);
            }
        }
        return String.join(": caused by: ", messages);
    }

    private static String oneLine(String message) {
        List<String> kept = new ArrayList<>();
        int snippetLines = 0;
        for (String line : message.split("\\R")) {
            if (snippetLines > 0) {
                // the snippet is one line of the file, then the caret line
                snippetLines = CARET.matcher(line).matches() ? 0 : snippetLines - 1;
                continue;
            }
            String stripped = line.strip();
            if (stripped.isEmpty()) {
                continue;
            }
            if (LOCATION.matcher(stripped).matches()) {
                boolean snippetFollows = stripped.endsWith(":");
                snippetLines = snippetFollows ? 2 : 0;
                stripped = snippetFollows ? stripped.substring(0, stripped.length() - 1) : stripped;
                // "problem in file, line, column" reads as one statement
                int last = kept.size() - 1;
                if (last >= 0) {
                    kept.set(last, kept.get(last) + " " + stripped);
                    continue;
                }
            }
            kept.add(stripped);
        }
        return String.join("; ", kept);
    }
}
