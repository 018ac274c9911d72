package io.sfntaskbridge.task;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextTruncationTest {

    @Test
    void textWithinTheLimitIsReturnedUnchanged() {
        assertThat(TextTruncation.truncate("x".repeat(256), 256)).isEqualTo("x".repeat(256));
        assertThat(TextTruncation.truncate(null, 256)).isNull();
    }

    @Test
    void errorOf300CharsIsCutTo256WithMarker() {
        String truncated = TextTruncation.truncate("E".repeat(300), 256);

        assertThat(truncated).hasSize(256).endsWith(TextTruncation.MARKER).startsWith("EEEE");
    }

    @Test
    void causeOf40000CharsIsCutTo32768WithMarker() {
        String truncated = TextTruncation.truncate("c".repeat(40000), 32768);

        assertThat(truncated).hasSize(32768).endsWith(TextTruncation.MARKER);
    }

    @Test
    void surrogatePairAtTheCutIsDroppedWhole() {
        int keep = 20 - TextTruncation.MARKER.length();
        // The emoji's high surrogate sits exactly at the last kept position.
        String text = "a".repeat(keep - 1) + "\uD83D\uDE00" + "tail".repeat(10);

        String truncated = TextTruncation.truncate(text, 20);

        assertThat(truncated).isEqualTo("a".repeat(keep - 1) + TextTruncation.MARKER);
        assertThat(truncated).doesNotContain("\uD83D");
    }

    @Test
    void limitShorterThanMarkerIsRejected() {
        assertThatThrownBy(() -> TextTruncation.truncate("abc", 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
