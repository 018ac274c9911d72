package io.sfntaskbridge.worker;

import java.util.Map;

import io.sfntaskbridge.component.SfnTaskConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskEnvelopeTest {

    private final CamelContext context = new DefaultCamelContext();
    private final TaskEnvelope envelope = new TaskEnvelope();

    private Exchange open(String body) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(body);
        envelope.open(exchange);
        return exchange;
    }

    @Test
    void validEnvelopeSetsTokenHeaderHintAndInputBody() {
        Exchange exchange = open("{\"taskToken\": \"tok-1\", \"heartbeatSeconds\": 30, \"input\": {\"orderId\": \"o-1\"}}");

        assertThat(exchange.getMessage().getHeader(SfnTaskConstants.TASK_TOKEN)).isEqualTo("tok-1");
        assertThat(exchange.getProperty(TaskEnvelope.HEARTBEAT_SECONDS)).isEqualTo(30);
        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("orderId", "o-1");
    }

    @Test
    void heartbeatHintIsOptional() {
        Exchange exchange = open("{\"taskToken\": \"tok-1\", \"input\": {}}");

        assertThat(exchange.getProperty(TaskEnvelope.HEARTBEAT_SECONDS)).isNull();
    }

    @Test
    void bodyThatIsNotJsonIsUnanswerable() {
        assertThatThrownBy(() -> open("hello")).isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void jsonThatIsNotAnObjectIsUnanswerable() {
        assertThatThrownBy(() -> open("[1, 2]")).isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining("JSON array");
    }

    @Test
    void missingTokenIsUnanswerableAndNamesTheFieldsPresent() {
        assertThatThrownBy(() -> open("{\"input\": {}, \"other\": 1}")).isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining("\"taskToken\"").hasMessageContaining("[input, other]");
    }

    @Test
    void overlongTokenIsUnanswerable() {
        String token = "x".repeat(2049);
        assertThatThrownBy(() -> open("{\"taskToken\": \"" + token + "\", \"input\": {}}"))
                .isInstanceOf(MalformedEnvelopeException.class);
    }

    @Test
    void inputThatIsNotAnObjectIsInvalidInputAfterTheTokenIsKnown() {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody("{\"taskToken\": \"tok-2\", \"input\": \"text\"}");

        assertThatThrownBy(() -> envelope.open(exchange)).isInstanceOf(InvalidTaskInputException.class)
                .hasMessageContaining("must be a JSON object, was string");
        // The token is set before the input is checked, so the failure can still be answered.
        assertThat(exchange.getMessage().getHeader(SfnTaskConstants.TASK_TOKEN)).isEqualTo("tok-2");
    }
}
