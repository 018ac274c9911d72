package io.sfntaskbridge.enrich;

import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Lines enriched in parallel come back in line order, failed ones as {@link LineFailure}s, headers untouched. */
class OrderedLinesAggregationTest extends CamelTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:lines")
                        // streaming: aggregate as lines complete, not in split order, so only the strategy orders them
                        .split(body()).parallelProcessing().streaming().aggregationStrategy(new OrderedLinesAggregation())
                            .process(exchange -> {
                                Map<?, ?> line = exchange.getMessage().getBody(Map.class);
                                Thread.sleep(((Number) line.get("millis")).longValue());
                                switch ((String) line.get("outcome")) {
                                    case "500" -> throw new HttpOperationFailedException("http://pricing/x", 500,
                                            "Server Error", null, Map.of(), "down");
                                    case "404" -> throw new HttpOperationFailedException("http://pricing/x", 404,
                                            "Not Found", null, Map.of(), "unknown sku");
                                    case "timeout" -> throw new SocketTimeoutException("Read timed out");
                                    default -> exchange.getMessage().setBody("priced " + line.get("sku"));
                                }
                                // The lookup's own headers must not reach the order.
                                exchange.getMessage().setHeader("Content-Type", "application/json");
                            })
                        .end()
                        .to("mock:order");
            }
        };
    }

    @Test
    void linesCompletingOutOfOrderComeBackInLineOrder() throws Exception {
        MockEndpoint order = getMockEndpoint("mock:order");
        order.expectedMessageCount(1);

        template.sendBodyAndHeader("direct:lines", List.of(
                line("A", 400, "ok"), line("B", 0, "ok"), line("C", 200, "ok")), "CamelSfnTaskToken", "token-1");

        order.assertIsSatisfied();
        assertThat(order.getExchanges().get(0).getMessage().getBody(List.class))
                .containsExactly("priced A", "priced B", "priced C");
        assertThat(order.getExchanges().get(0).getMessage().getHeaders())
                .containsEntry("CamelSfnTaskToken", "token-1").doesNotContainKey("Content-Type");
    }

    @Test
    void failedLinesBecomeLineFailuresInPlaceAndTheSplitSucceeds() throws Exception {
        MockEndpoint order = getMockEndpoint("mock:order");
        order.expectedMessageCount(1);

        template.sendBody("direct:lines", List.of(line("A", 300, "500"), line("B", 0, "ok"),
                line("C", 100, "404"), line("D", 50, "timeout")));

        order.assertIsSatisfied();
        assertThat(order.getExchanges().get(0).getException()).isNull();
        assertThat(order.getExchanges().get(0).getMessage().getBody(List.class)).containsExactly(
                new LineFailure("Bridge.EnrichmentFailed", "HTTP 500"),
                "priced B",
                new LineFailure("Bridge.InvalidInput", "rejected with HTTP 404"),
                new LineFailure("Bridge.Timeout", "timed out (Read timed out)"));
    }

    private static Map<String, Object> line(String sku, int millis, String outcome) {
        return Map.of("sku", sku, "millis", millis, "outcome", outcome);
    }
}
