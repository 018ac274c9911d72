package io.sfntaskbridge.enrich;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Totals, discount and both partial-failure policies. */
class EnrichedOrderAssemblerTest {

    private static final Map<String, Object> ORDER = Map.of("orderId", "o-1", "customerId", "C-002", "lines", List.of(
            Map.of("sku", "SKU-A", "quantity", 3), Map.of("sku", "SKU-B", "quantity", 1),
            Map.of("sku", "SKU-C", "quantity", 2)));
    private static final Map<String, Object> GOLD = Map.of("customerId", "C-002", "tier", "GOLD",
            "discountPercent", new BigDecimal("10.00"));
    private static final Map<String, Object> PRICE_A = Map.of("unitPrice", new BigDecimal("3.35"), "stock", 3);
    private static final Map<String, Object> PRICE_C = Map.of("unitPrice", 19.9, "stock", 1);
    private static final LineFailure HTTP_500 = new LineFailure("Bridge.EnrichmentFailed", "HTTP 500");
    private static final LineFailure TIMED_OUT = new LineFailure("Bridge.Timeout", "timed out (Read timed out)");

    @Test
    void pricesLinesAndAppliesTheCustomersDiscountToTheSubtotal() throws Exception {
        Map<String, Object> enriched = assembler(PartialFailurePolicy.FAIL).assemble(ORDER, GOLD,
                List.of(PRICE_A, Map.of("unitPrice", 0.5, "stock", 0), PRICE_C));

        assertThat(enriched).containsEntry("orderId", "o-1").containsEntry("status", "ENRICHED")
                .containsEntry("customer", GOLD);
        assertThat(enriched.get("lines")).isEqualTo(List.of(
                Map.of("sku", "SKU-A", "quantity", 3, "unitPrice", new BigDecimal("3.35"), "available", true,
                        "lineTotal", new BigDecimal("10.05")),
                Map.of("sku", "SKU-B", "quantity", 1, "unitPrice", new BigDecimal("0.5"), "available", false,
                        "lineTotal", new BigDecimal("0.50")),
                Map.of("sku", "SKU-C", "quantity", 2, "unitPrice", new BigDecimal("19.9"), "available", false,
                        "lineTotal", new BigDecimal("39.80"))));
        // 50.35 × 10 % = 5.035, half-up to 5.04
        assertThat(enriched).containsEntry("subtotal", new BigDecimal("50.35"))
                .containsEntry("discount", new BigDecimal("5.04")).containsEntry("total", new BigDecimal("45.31"));
    }

    @Test
    void failPolicyFailsTheOrderNamingEachFailedLine() {
        assertThatThrownBy(() -> assembler(PartialFailurePolicy.FAIL).assemble(ORDER, GOLD,
                List.of(PRICE_A, HTTP_500, PRICE_C)))
                .isInstanceOf(EnrichmentFailedException.class)
                .hasMessage("order o-1: 1 of 3 lines failed: line 2 (SKU-B) Bridge.EnrichmentFailed: HTTP 500");
    }

    @Test
    void failPolicyKeepsTheFailedLinesCommonErrorName() {
        assertThatThrownBy(() -> assembler(PartialFailurePolicy.FAIL).assemble(ORDER, GOLD,
                List.of(TIMED_OUT, PRICE_A, TIMED_OUT)))
                .isInstanceOf(TimeoutException.class)
                .hasMessageContaining("2 of 3 lines failed: line 1 (SKU-A) Bridge.Timeout")
                .hasMessageContaining("; line 3 (SKU-C) Bridge.Timeout");
        assertThatThrownBy(() -> assembler(PartialFailurePolicy.FAIL).assemble(ORDER, GOLD,
                List.of(TIMED_OUT, HTTP_500, PRICE_C)))
                .as("different reasons").isInstanceOf(EnrichmentFailedException.class);
    }

    @Test
    void partialPolicyReturnsThePricedLinesAndAnErrorOnEachFailedOne() throws Exception {
        Map<String, Object> enriched = assembler(PartialFailurePolicy.PARTIAL).assemble(ORDER, GOLD,
                List.of(PRICE_A, HTTP_500, PRICE_C));

        assertThat(enriched).containsEntry("status", "PARTIALLY_ENRICHED");
        assertThat((List<?>) enriched.get("lines")).element(1).isEqualTo(
                Map.of("sku", "SKU-B", "quantity", 1, "error", "Bridge.EnrichmentFailed", "cause", "HTTP 500"));
        assertThat(enriched).containsEntry("subtotal", new BigDecimal("49.85"))
                .containsEntry("discount", new BigDecimal("4.99")).containsEntry("total", new BigDecimal("44.86"));
    }

    @Test
    void lineWithoutPositiveQuantityIsInvalidInput() {
        Map<String, Object> order = Map.of("orderId", "o-2", "lines", List.of(Map.of("sku", "SKU-A", "quantity", 0)));

        assertThatThrownBy(() -> assembler(PartialFailurePolicy.PARTIAL).assemble(order, GOLD, List.of(PRICE_A)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 1 needs a positive \"quantity\", has 0");
    }

    private static EnrichedOrderAssembler assembler(PartialFailurePolicy policy) {
        EnrichedOrderAssembler assembler = new EnrichedOrderAssembler();
        assembler.setPartialFailure(policy);
        return assembler;
    }
}
