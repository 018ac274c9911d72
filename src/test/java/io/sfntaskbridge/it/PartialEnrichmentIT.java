package io.sfntaskbridge.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bridge.enrich.partial-failure = partial}: a line the pricing service keeps failing is reported, not fatal. */
class PartialEnrichmentIT extends WorkflowITSupport {

    @Override
    protected Map<String, String> settings() {
        return Map.of(
                "bridge.enrich.partial-failure", "partial",
                "bridge.enrich.pricing.retry.max-redeliveries", "1",
                "bridge.enrich.pricing.retry.delay-ms", "50");
    }

    @Test
    void persistent500GivesPartialResultWithTheErrorOnThatLine() throws Exception {
        pricing.reset();
        DescribeExecutionResponse execution = awaitEnd(startExecution(List.of(
                order("partly", "C-003", line("SKU-05", 2), line("SKU-FAIL", 1), line("SKU-03", 1)))),
                Duration.ofMinutes(1));

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        Map<String, Object> result = results(execution).get(0);
        assertThat(result).containsEntry("orderId", "partly").containsEntry("status", "PARTIALLY_ENRICHED");
        EnrichmentIT.assertLines(Map.of("lines", List.of(lines(result).get(0), lines(result).get(2))),
                "SKU-05 2 15 true 30", "SKU-03 1 99 true 99");
        assertThat(lines(result).get(1)).isEqualTo(Map.of("sku", "SKU-FAIL", "quantity", 1,
                "error", "Bridge.EnrichmentFailed", "cause", "HTTP 500"));
        // Priced lines only: 129.00, SILVER 5 % = 6.45
        EnrichmentIT.assertMoney(result, "129", "6.45", "122.55");
        assertThat(pricing.callsFor("SKU-FAIL")).as("first call and 1 retry").isEqualTo(2);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lines(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.get("lines");
    }
}
