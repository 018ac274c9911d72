package io.sfntaskbridge.starter;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfntaskbridge.payload.PayloadTooLargeException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code POST /executions} with the execution input as the body starts an execution through
 * {@code direct:start-execution} and answers {@code 201 {"executionArn": ..., "executionName": ...}}; input the
 * workflow cannot use gets {@code 400 {"error": ...}}, input over Step Functions' limit without a payload bucket
 * {@code 413 {"error": ...}}, and a start that AWS refuses {@code 502 {"error": ...}}. Input over the limit with a
 * bucket starts the execution with its S3 pointer ({@code routes/start-execution.camel.yaml}).
 * <p>
 * Only with {@code bridge.http.enabled=true}; otherwise the route is not even created, and {@code camel.server.enabled}
 * (bound to the same key) keeps the HTTP server from starting.
 */
public class StartExecutionHttpRoute extends RouteBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void configure() {
        from("platform-http:/executions?httpMethodRestrict=POST")
                .routeId("start-execution-http")
                .precondition("{{bridge.http.enabled:false}}")
                .convertBodyTo(String.class)
                .doTry()
                    .bean(ExecutionInputValidator.class, "validate")
                    .setHeader(ExecutionNames.SOURCE_HEADER, constant("http"))
                    .to("direct:start-execution")
                    .process(exchange -> respond(exchange, 201, Map.of(
                            "executionArn", exchange.getMessage().getBody(String.class),
                            "executionName", exchange.getMessage().getHeader(
                                    "CamelAwsStepFunctionsExecutionName", String.class))))
                .doCatch(InvalidExecutionInputException.class)
                    .process(exchange -> respond(exchange, 400, Map.of("error", caught(exchange).getMessage())))
                .doCatch(PayloadTooLargeException.class)
                    .process(exchange -> respond(exchange, 413, Map.of("error", caught(exchange).getMessage())))
                .doCatch(Exception.class)
                    .log("Could not start an execution for a POST: ${exception.message}")
                    .process(exchange -> respond(exchange, 502, Map.of("error", "could not start the execution: "
                                                                             + caught(exchange).getMessage())))
                .end();
    }

    private static Exception caught(Exchange exchange) {
        return exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    }

    private static void respond(Exchange exchange, int status, Map<String, String> body) throws JsonProcessingException {
        // Everything else on the message (request headers, AWS headers) would otherwise be echoed back to the client.
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(JSON.writeValueAsString(body));
    }
}
