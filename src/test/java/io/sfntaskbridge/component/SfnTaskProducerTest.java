package io.sfntaskbridge.component;

import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.task.SfnTaskErrors;
import io.sfntaskbridge.task.TextTruncation;

import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.SendTaskFailureRequest;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

import static org.assertj.core.api.Assertions.assertThat;

class SfnTaskProducerTest extends CamelTestSupport {

    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAexampleTaskToken";
    private static final String THROW = "throw";

    private final FakeSfnClient sfn = new FakeSfnClient();

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("stepFunctions", sfn);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:success").to("sfn-task:success").to("mock:result");
                from("direct:smallOutput").to("sfn-task:success?maxOutputBytes=32").to("mock:result");
                from("direct:customTokenField").to("sfn-task:success?tokenField=token").to("mock:result");
                from("direct:failure").to("sfn-task:failure").to("mock:result");
                from("direct:heartbeat").to("sfn-task:heartbeat").to("mock:result");
                from("direct:strictHeartbeat").to("sfn-task:heartbeat?failOnClosedTask=true");
                from("direct:work")
                        .doTry().process(SfnTaskProducerTest::throwRequestedException)
                        .doCatch(Exception.class).to("sfn-task:failure")
                        .end().to("mock:result");
                from("direct:mappedWork")
                        .doTry().process(SfnTaskProducerTest::throwRequestedException)
                        .doCatch(Exception.class)
                        .to("sfn-task:failure?errorMapping=java.net.SocketTimeoutException=App.SlowBackend")
                        .end().to("mock:result");
            }
        };
    }

    private static void throwRequestedException(Exchange exchange) throws Exception {
        throw exchange.getIn().getHeader(THROW, Exception.class);
    }

    private Exchange send(String uri, Object body, Map<String, Object> headers) {
        return template.send(uri, exchange -> {
            exchange.getIn().setBody(body);
            exchange.getIn().setHeaders(new LinkedHashMap<>(headers));
        });
    }

    private Exchange sendWithToken(String uri, Object body) {
        return send(uri, body, Map.of(SfnTaskConstants.TASK_TOKEN, TOKEN));
    }

    private SfnTaskEndpoint endpoint(String uri) {
        return context.getEndpoint(uri, SfnTaskEndpoint.class);
    }

    private SendTaskFailureRequest onlyFailure() {
        assertThat(sfn.failures).hasSize(1);
        return sfn.failures.get(0);
    }

    @Test
    void registrySfnClientIsAutowiredIntoEndpoints() {
        assertThat(endpoint("sfn-task:success").getConfiguration().getSfnClient()).isSameAs(sfn);
        assertThat(endpoint("sfn-task:success").getSfnClient()).isSameAs(sfn);
    }

    @Test
    void successSendsMapBodyAsJsonWithTokenFromHeader() throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("orderId", 42);
        result.put("status", "shipped");

        Exchange exchange = sendWithToken("direct:success", result);

        assertThat(exchange.getException()).isNull();
        assertThat(sfn.successes).hasSize(1);
        assertThat(sfn.successes.get(0).taskToken()).isEqualTo(TOKEN);
        JsonNode output = new ObjectMapper().readTree(sfn.successes.get(0).output());
        assertThat(output.get("orderId").asInt()).isEqualTo(42);
        assertThat(output.get("status").asText()).isEqualTo("shipped");
        assertThat(exchange.getMessage().getHeader(SfnTaskConstants.OUTCOME)).isEqualTo(SfnTaskOutcome.SUCCEEDED);
        assertThat(endpoint("sfn-task:success").getOutcomeCount(SfnTaskOutcome.SUCCEEDED)).isEqualTo(1);
        assertThat(sfn.failures).isEmpty();
    }

    @Test
    void successPassesJsonTextAndBytesThroughUnchanged() {
        sendWithToken("direct:success", "[1, 2, {\"a\": null}]");
        sendWithToken("direct:success", "{\"done\":true}".getBytes(StandardCharsets.UTF_8));

        assertThat(sfn.successes).extracting(request -> request.output())
                .containsExactly("[1, 2, {\"a\": null}]", "{\"done\":true}");
    }

    @Test
    void tokenIsReadFromEnvelopeFieldWhenHeaderIsAbsent() {
        send("direct:success", Map.of("taskToken", "envelope-token", "value", 1), Map.of());
        send("direct:customTokenField", "{\"token\":\"json-envelope-token\"}", Map.of());

        assertThat(sfn.successes).extracting(request -> request.taskToken())
                .containsExactly("envelope-token", "json-envelope-token");
    }

    @Test
    void missingTokenFailsNamingTheHeaderAndTheField() {
        Exchange exchange = send("direct:success", Map.of("value", 1), Map.of());

        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(SfnTaskConstants.TASK_TOKEN)
                .hasMessageContaining("'taskToken'");
        assertThat(sfn.callCount()).isZero();
    }

    @Test
    void overlongTokenIsRejectedBeforeAnyCall() {
        Exchange exchange = send("direct:heartbeat", null, Map.of(SfnTaskConstants.TASK_TOKEN, "t".repeat(2049)));

        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class);
        assertThat(sfn.callCount()).isZero();
    }

    @Test
    void outputOverConfiguredLimitFailsTheTaskInsteadOfTruncating() {
        Exchange exchange = sendWithToken("direct:smallOutput", Map.of("text", "x".repeat(40)));

        assertThat(sfn.successes).isEmpty();
        assertThat(onlyFailure().error()).isEqualTo(SfnTaskErrors.OUTPUT_TOO_LARGE);
        assertThat(onlyFailure().cause()).isEqualTo("output is 51 bytes, limit 32 bytes");
        assertThat(onlyFailure().taskToken()).isEqualTo(TOKEN);
        assertThat(exchange.getMessage().getHeader(SfnTaskConstants.OUTCOME))
                .isEqualTo(SfnTaskOutcome.OUTPUT_TOO_LARGE);
    }

    @Test
    void outputOverTheDefault256KiBLimitFailsTheTask() {
        String large = "x".repeat(SfnTaskConfiguration.DEFAULT_MAX_OUTPUT_BYTES);

        Exchange exchange = sendWithToken("direct:success", "\"" + large + "\"");

        assertThat(sfn.successes).isEmpty();
        assertThat(onlyFailure().error()).isEqualTo(SfnTaskErrors.OUTPUT_TOO_LARGE);
        assertThat(onlyFailure().cause()).isEqualTo("output is 262146 bytes, limit 262144 bytes");
        assertThat(exchange.getMessage().getHeader(SfnTaskConstants.OUTCOME))
                .isEqualTo(SfnTaskOutcome.OUTPUT_TOO_LARGE);
    }

    @Test
    void outputLimitCountsUtf8BytesNotCharacters() {
        // 11 characters, but 'é' takes two bytes each in UTF-8: 2 quotes + 30 bytes = 32 bytes, exactly the limit.
        sendWithToken("direct:smallOutput", "\"" + "é".repeat(15) + "\"");
        sendWithToken("direct:smallOutput", "\"" + "é".repeat(15) + "e\"");

        assertThat(sfn.successes).hasSize(1);
        assertThat(onlyFailure().cause()).isEqualTo("output is 33 bytes, limit 32 bytes");
    }

    @Test
    void invalidJsonTextFailsTheTaskWithInvalidOutput() {
        Exchange exchange = sendWithToken("direct:success", "{\"unterminated\": ");
        sendWithToken("direct:success", "{} trailing");

        assertThat(sfn.successes).isEmpty();
        assertThat(sfn.failures).hasSize(2).allSatisfy(
                failure -> assertThat(failure.error()).isEqualTo(SfnTaskErrors.INVALID_OUTPUT));
        assertThat(exchange.getMessage().getHeader(SfnTaskConstants.OUTCOME))
                .isEqualTo(SfnTaskOutcome.INVALID_OUTPUT);
        assertThat(endpoint("sfn-task:success").getOutcomeCount(SfnTaskOutcome.INVALID_OUTPUT)).isEqualTo(2);
    }

    @Test
    void failureTakesErrorAndCauseFromHeaders() {
        Exchange exchange = send("direct:failure", null, Map.of(SfnTaskConstants.TASK_TOKEN, TOKEN,
                SfnTaskConstants.ERROR, "App.Rejected", SfnTaskConstants.CAUSE, "customer blocked"));

        assertThat(onlyFailure().error()).isEqualTo("App.Rejected");
        assertThat(onlyFailure().cause()).isEqualTo("customer blocked");
        assertThat(exchange.getMessage().getHeader(SfnTaskConstants.OUTCOME)).isEqualTo(SfnTaskOutcome.FAILED);
    }

    @Test
    void failureWithoutHeadersOrExceptionSendsDefaultErrorName() {
        sendWithToken("direct:failure", null);

        assertThat(onlyFailure().error()).isEqualTo(SfnTaskErrors.TASK_FAILED);
        assertThat(onlyFailure().cause()).isEmpty();
    }

    @Test
    void failureMapsCaughtExceptionWithBuiltInMapping() {
        Exchange exchange = send("direct:work", null, Map.of(SfnTaskConstants.TASK_TOKEN, TOKEN,
                THROW, new SocketTimeoutException("Read timed out")));

        assertThat(exchange.getException()).isNull();
        assertThat(onlyFailure().error()).isEqualTo(SfnTaskErrors.TIMEOUT);
        assertThat(onlyFailure().cause()).isEqualTo("Read timed out");
    }

    @Test
    void failureUsesClassNameAsCauseWhenExceptionHasNoMessage() {
        send("direct:work", null, Map.of(SfnTaskConstants.TASK_TOKEN, TOKEN, THROW, new IllegalStateException()));

        assertThat(onlyFailure().error()).isEqualTo(SfnTaskErrors.TASK_FAILED);
        assertThat(onlyFailure().cause()).isEqualTo("IllegalStateException");
    }

    @Test
    void userErrorMappingOverridesBuiltInMapping() {
        send("direct:mappedWork", null, Map.of(SfnTaskConstants.TASK_TOKEN, TOKEN,
                THROW, new SocketTimeoutException("Read timed out")));

        assertThat(onlyFailure().error()).isEqualTo("App.SlowBackend");
    }

    @Test
    void overlongErrorAndCauseAreTruncatedToTheAwsLimits() {
        send("direct:failure", null, Map.of(SfnTaskConstants.TASK_TOKEN, TOKEN,
                SfnTaskConstants.ERROR, "E".repeat(300), SfnTaskConstants.CAUSE, "c".repeat(40000)));

        assertThat(onlyFailure().error()).hasSizeLessThanOrEqualTo(256).endsWith(TextTruncation.MARKER);
        assertThat(onlyFailure().cause()).hasSizeLessThanOrEqualTo(32768).endsWith(TextTruncation.MARKER);
    }

    @Test
    void heartbeatSendsSendTaskHeartbeat() {
        Exchange exchange = sendWithToken("direct:heartbeat", "ignored");

        assertThat(sfn.heartbeats).hasSize(1);
        assertThat(sfn.heartbeats.get(0).taskToken()).isEqualTo(TOKEN);
        assertThat(sfn.successes).isEmpty();
        assertThat(exchange.getMessage().getHeader(SfnTaskConstants.OUTCOME))
                .isEqualTo(SfnTaskOutcome.HEARTBEAT_SENT);
    }

    @Test
    void closedTaskIsCountedAndTheExchangeContinues() throws Exception {
        getMockEndpoint("mock:result").expectedMessageCount(1);
        sfn.rejectNextCallAsTaskTimedOut();

        Exchange exchange = sendWithToken("direct:success", Map.of("late", true));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(SfnTaskConstants.OUTCOME)).isEqualTo(SfnTaskOutcome.TASK_CLOSED);
        assertThat(endpoint("sfn-task:success").getOutcomeCount(SfnTaskOutcome.TASK_CLOSED)).isEqualTo(1);
        assertThat(endpoint("sfn-task:success").getOutcomeCount(SfnTaskOutcome.SUCCEEDED)).isZero();
        getMockEndpoint("mock:result").assertIsSatisfied();
    }

    @Test
    void invalidTokenIsCountedAndTheExchangeContinues() {
        sfn.rejectNextCallAsInvalidToken();

        Exchange exchange = sendWithToken("direct:heartbeat", null);

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(SfnTaskConstants.OUTCOME))
                .isEqualTo(SfnTaskOutcome.INVALID_TOKEN);
        assertThat(endpoint("sfn-task:heartbeat").getOutcomeCount(SfnTaskOutcome.INVALID_TOKEN)).isEqualTo(1);
    }

    @Test
    void closedTaskPropagatesWhenFailOnClosedTaskIsSet() {
        sfn.rejectNextCallAsTaskTimedOut();
        Exchange timedOut = sendWithToken("direct:strictHeartbeat", null);
        sfn.rejectNextCallAsInvalidToken();
        Exchange invalid = sendWithToken("direct:strictHeartbeat", null);

        assertThat(timedOut.getException()).isInstanceOf(TaskTimedOutException.class);
        assertThat(invalid.getException()).isInstanceOf(InvalidTokenException.class);
        SfnTaskEndpoint strict = endpoint("sfn-task:heartbeat?failOnClosedTask=true");
        assertThat(List.of(strict.getOutcomeCount(SfnTaskOutcome.TASK_CLOSED),
                strict.getOutcomeCount(SfnTaskOutcome.INVALID_TOKEN))).containsExactly(1L, 1L);
    }

    @Test
    void endpointDoesNotCloseAClientItDidNotBuild() throws Exception {
        context.stop();

        assertThat(sfn.isClosed()).isFalse();
    }
}
