package io.sfntaskbridge.worker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskEnvelopeTest {

    @Test
    void validEnvelopeGivesTokenHintAndInput() {
        TaskEnvelope.Opened opened = TaskEnvelope.open("{\"taskToken\": \"tok-1\", \"heartbeatSeconds\": 30,"
                                                       + " \"input\": {\"orderId\": \"o-1\"}}");

        assertThat(opened.token()).isEqualTo("tok-1");
        assertThat(opened.heartbeatSeconds()).isEqualTo(30);
        assertThat(opened.input()).containsEntry("orderId", "o-1");
        assertThat(opened.problem()).isNull();
    }

    @Test
    void heartbeatHintIsOptional() {
        assertThat(TaskEnvelope.open("{\"taskToken\": \"tok-1\", \"input\": {}}").heartbeatSeconds()).isNull();
    }

    @Test
    void bodyThatIsNotJsonIsUnanswerable() {
        assertThatThrownBy(() -> TaskEnvelope.open("hello")).isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void jsonThatIsNotAnObjectIsUnanswerable() {
        assertThatThrownBy(() -> TaskEnvelope.open("[1, 2]")).isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining("JSON array");
    }

    @Test
    void missingTokenIsUnanswerableAndNamesTheFieldsPresent() {
        assertThatThrownBy(() -> TaskEnvelope.open("{\"input\": {}, \"other\": 1}"))
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining("\"taskToken\"").hasMessageContaining("[input, other]");
    }

    @Test
    void overlongTokenIsUnanswerable() {
        String token = "x".repeat(2049);
        assertThatThrownBy(() -> TaskEnvelope.open("{\"taskToken\": \"" + token + "\", \"input\": {}}"))
                .isInstanceOf(MalformedEnvelopeException.class);
    }

    @Test
    void inputThatIsNotAnObjectIsAProblemOfATaskThatCanStillBeAnswered() {
        TaskEnvelope.Opened opened = TaskEnvelope.open("{\"taskToken\": \"tok-2\", \"input\": \"text\"}");

        assertThat(opened.token()).isEqualTo("tok-2");
        assertThat(opened.input()).isNull();
        assertThat(opened.problem()).contains("must be a JSON object, was string");
    }

    @Test
    void activityInputMustBeAJsonObject() {
        assertThat(TaskEnvelope.openActivity("tok-3", "{\"orderId\": \"o-3\"}").input()).containsEntry("orderId", "o-3");
        assertThat(TaskEnvelope.openActivity("tok-3", "[1]").problem()).contains("activity input must be a JSON object");
        assertThat(TaskEnvelope.openActivity("tok-3", "not json").problem()).contains("activity input is not JSON")
                .doesNotContain("not json");
    }
}
