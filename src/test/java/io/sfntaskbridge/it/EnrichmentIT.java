package io.sfntaskbridge.it;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped enrichment routes against the sample systems: pricing on WireMock (the repo's {@code samples/pricing},
 * fault SKUs included), customers in H2 from {@code samples/db}, tasks through LocalStack. Policy {@code fail}.
 */
class EnrichmentIT extends WorkflowITSupport {

    static final int PRICING_LIMIT = 2;

    @Override
    protected Map<String, String> settings() {
        return Map.of(
                // More tasks than pricing calls allowed, so a missing cap shows on the server.
                "bridge.worker.concurrency", "4",
                "bridge.enrich.pricing.max-concurrency", Integer.toString(PRICING_LIMIT),
                "bridge.enrich.pricing.response-timeout-ms", "500",
                "bridge.enrich.pricing.retry.max-redeliveries", "2",
                "bridge.enrich.pricing.retry.delay-ms", "50",
                "bridge.enrich.partial-failure", "fail");
    }

    @BeforeEach
    void resetPricing() {
        pricing.reset();
    }

    @Test
    void fixedDatasetGivesExactlyTheExpectedEnrichedOrders() throws Exception {
        Map<Object, Map<String, Object>> byId = run(
                order("gold", "C-002", line("SKU-08", 2), line("SKU-02", 1), line("SKU-09", 2)),
                order("standard", "C-001", line("SKU-07", 3)),
                order("platinum", "C-004", line("SKU-01", 2), line("SKU-10", 7)));

        Map<String, Object> gold = byId.get("gold");
        assertThat(gold).containsEntry("status", "ENRICHED")
                .containsEntry("customer", Map.of("customerId", "C-002", "name", "Globex Wholesale", "tier", "GOLD",
                        "discountPercent", 10.0));
        assertLines(gold, "SKU-08 2 19.9 true 39.8", "SKU-02 1 7.25 false 7.25", "SKU-09 2 249 false 498");
        // 545.05 × 10 % = 54.505, half-up to cents
        assertMoney(gold, "545.05", "54.51", "490.54");

        Map<String, Object> standard = byId.get("standard");
        assertThat(standard).containsEntry("status", "ENRICHED");
        assertThat(customer(standard)).containsEntry("tier", "STANDARD");
        assertLines(standard, "SKU-07 3 3.99 true 11.97");
        assertMoney(standard, "11.97", "0", "11.97");

        Map<String, Object> platinum = byId.get("platinum");
        assertThat(customer(platinum)).containsEntry("tier", "PLATINUM");
        assertLines(platinum, "SKU-01 2 12.5 true 25", "SKU-10 7 0.85 true 5.95");
        assertMoney(platinum, "30.95", "4.64", "26.31");
    }

    @Test
    void aSingle500IsRetriedAndThenSucceeds() throws Exception {
        Map<String, Object> result = run(order("flaky", "C-003", line("SKU-FLAKY", 4))).get("flaky");

        assertThat(result).containsEntry("status", "ENRICHED");
        assertLines(result, "SKU-FLAKY 4 2.5 true 10");
        assertMoney(result, "10", "0.5", "9.5");
        assertThat(pricing.callsFor("SKU-FLAKY")).isEqualTo(2);
    }

    @Test
    void persistent500FailsTheTaskWithEnrichmentFailedNamingTheLine() throws Exception {
        Map<String, Object> result = run(order("broken", "C-001", line("SKU-01", 1), line("SKU-FAIL", 1)))
                .get("broken");

        assertThat(result).containsEntry("status", "FAILED").containsEntry("error", "Bridge.EnrichmentFailed");
        assertThat((String) result.get("cause"))
                .isEqualTo("order broken: 1 of 2 lines failed: line 2 (SKU-FAIL) Bridge.EnrichmentFailed: HTTP 500");
        assertThat(pricing.callsFor("SKU-FAIL")).as("first call and 2 retries").isEqualTo(3);
    }

    @Test
    void unknownSkuIsInvalidInputWithoutRetries() throws Exception {
        Map<String, Object> result = run(order("typo", "C-001", line("SKU-NOPE", 1))).get("typo");

        assertThat(result).containsEntry("status", "FAILED").containsEntry("error", "Bridge.InvalidInput");
        assertThat((String) result.get("cause")).contains("line 1 (SKU-NOPE)", "rejected with HTTP 404");
        assertThat(pricing.callsFor("SKU-NOPE")).isEqualTo(1);
    }

    @Test
    void unknownCustomerIsInvalidInput() throws Exception {
        Map<String, Object> result = run(order("stranger", "C-999", line("SKU-01", 1))).get("stranger");

        assertThat(result).containsEntry("status", "FAILED").containsEntry("error", "Bridge.InvalidInput")
                .containsEntry("cause", "unknown customer C-999");
    }

    @Test
    void slowPricingServiceGivesBridgeTimeout() throws Exception {
        Map<String, Object> result = run(order("slow", "C-002", line("SKU-SLOW", 1))).get("slow");

        // After the workflow's own Retry on Bridge.Timeout, which the ASL does twice.
        assertThat(result).containsEntry("status", "FAILED").containsEntry("error", "Bridge.Timeout");
        assertThat((String) result.get("cause")).startsWith("order slow: 1 of 1 lines failed: line 1 (SKU-SLOW) "
                                                           + "Bridge.Timeout: timed out");
    }

    @Test
    void callsToThePricingServiceNeverExceedItsLimit() throws Exception {
        pricing.holdEachCall(300);
        Map<String, Object>[] orders = IntStream.rangeClosed(1, 4).mapToObj(i -> order("busy-" + i, "C-001",
                line("SKU-01", 1), line("SKU-04", 2), line("SKU-07", 3))).toArray(Map[]::new);

        Map<Object, Map<String, Object>> byId = run(orders);

        assertThat(byId.values()).hasSize(4).allSatisfy(r -> assertThat(r).containsEntry("status", "ENRICHED"));
        assertThat(pricing.maxConcurrentCalls()).as("calls in flight on the server").isEqualTo(PRICING_LIMIT);
    }

    @SafeVarargs
    private Map<Object, Map<String, Object>> run(Map<String, Object>... orders) throws Exception {
        DescribeExecutionResponse execution = awaitEnd(startExecution(List.of(orders)), Duration.ofMinutes(2));
        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        return results(execution).stream().collect(Collectors.toMap(r -> r.get("orderId"), Function.identity()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> customer(Map<String, Object> order) {
        return (Map<String, Object>) order.get("customer");
    }

    /** Each expected line as "sku quantity unitPrice available lineTotal", in the order's line order. */
    @SuppressWarnings("unchecked")
    static void assertLines(Map<String, Object> order, String... expected) {
        List<String> lines = ((List<Map<String, Object>>) order.get("lines")).stream()
                .map(l -> l.get("sku") + " " + l.get("quantity") + " " + decimal(l.get("unitPrice")) + " "
                          + l.get("available") + " " + decimal(l.get("lineTotal")))
                .toList();
        assertThat(lines).containsExactly(expected);
    }

    static void assertMoney(Map<String, Object> order, String subtotal, String discount, String total) {
        assertThat(new BigDecimal(order.get("subtotal").toString())).isEqualByComparingTo(subtotal);
        assertThat(new BigDecimal(order.get("discount").toString())).isEqualByComparingTo(discount);
        assertThat(new BigDecimal(order.get("total").toString())).isEqualByComparingTo(total);
    }

    private static String decimal(Object number) {
        return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
    }
}
