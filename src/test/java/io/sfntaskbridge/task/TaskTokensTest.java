package io.sfntaskbridge.task;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskTokensTest {

    @Test
    void fingerprintIsStableAndDoesNotContainTheToken() {
        String token = "AQCEAAAAKgAAAAMAAAAAAAAAAfakeTokenValue";

        String fingerprint = TaskTokens.fingerprint(token);

        assertThat(fingerprint).matches("token#[0-9a-f]{8}\\(len=" + token.length() + "\\)")
                .isEqualTo(TaskTokens.fingerprint(token))
                .doesNotContain("fakeTokenValue");
        assertThat(TaskTokens.fingerprint(token + "x")).isNotEqualTo(fingerprint);
    }

    @Test
    void tokenLengthMustBeBetween1And2048() {
        assertThat(TaskTokens.requireValidLength("t".repeat(2048))).hasSize(2048);
        assertThatThrownBy(() -> TaskTokens.requireValidLength("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaskTokens.requireValidLength("t".repeat(2049)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 2048")
                .hasMessageNotContaining("tttt");
    }
}
