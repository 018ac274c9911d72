package io.sfntaskbridge.enrich;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.sfntaskbridge.task.SfnTaskErrors;

/**
 * Builds the enriched order, the task's output, from the order, its customer and its lines' pricing results (in line
 * order, as {@link OrderedLinesAggregation} collects them):
 *
 * <pre>
 * {"orderId", "status": "ENRICHED" | "PARTIALLY_ENRICHED",
 *  "customer": {"customerId", "name", "tier", "discountPercent"},
 *  "lines": [{"sku", "quantity", "unitPrice", "available", "lineTotal"} | {"sku", "quantity", "error", "cause"}],
 *  "subtotal", "discount", "total"}
 * </pre>
 *
 * Money: {@code lineTotal = unitPrice × quantity}; {@code subtotal} = sum of the priced lines' totals;
 * {@code discount = subtotal × discountPercent / 100}, rounded half-up to cents; {@code total = subtotal − discount}.
 * {@code available} says whether the stock covers the quantity; unavailable lines are still priced.
 * <p>
 * With failed lines the {@link PartialFailurePolicy} decides. Under {@code FAIL} the task fails with the failed
 * lines' common error name ({@code Bridge.Timeout} through {@link TimeoutException}, {@code Bridge.InvalidInput}
 * through {@link IllegalArgumentException}), or {@code Bridge.EnrichmentFailed} when they differ or have no more
 * specific one; the cause names each failed line.
 */
public class EnrichedOrderAssembler {

    private PartialFailurePolicy partialFailure = PartialFailurePolicy.FAIL;

    public void setPartialFailure(PartialFailurePolicy partialFailure) {
        this.partialFailure = partialFailure;
    }

    public Map<String, Object> assemble(Map<String, Object> order, Map<String, Object> customer, List<?> lineResults)
            throws TimeoutException {
        List<?> lines = (List<?>) order.get("lines");
        List<Map<String, Object>> enrichedLines = new ArrayList<>();
        Map<Integer, LineFailure> failures = new LinkedHashMap<>();
        BigDecimal subtotal = BigDecimal.ZERO;
        for (int i = 0; i < lines.size(); i++) {
            Map<?, ?> line = (Map<?, ?>) lines.get(i);
            Map<String, Object> enriched = new LinkedHashMap<>();
            enriched.put("sku", line.get("sku"));
            enriched.put("quantity", line.get("quantity"));
            Object result = lineResults.get(i);
            if (result instanceof LineFailure failure) {
                failures.put(i + 1, failure);
                enriched.put("error", failure.error());
                enriched.put("cause", failure.cause());
            } else {
                BigDecimal lineTotal = price(enriched, quantity(line, i + 1), (Map<?, ?>) result);
                subtotal = subtotal.add(lineTotal);
            }
            enrichedLines.add(enriched);
        }
        if (!failures.isEmpty() && partialFailure == PartialFailurePolicy.FAIL) {
            fail(order.get("orderId"), lines, failures);
        }

        BigDecimal discountPercent = decimal(customer.get("discountPercent"));
        BigDecimal discount = subtotal.multiply(discountPercent).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
        Map<String, Object> enrichedOrder = new LinkedHashMap<>();
        enrichedOrder.put("orderId", order.get("orderId"));
        enrichedOrder.put("status", failures.isEmpty() ? "ENRICHED" : "PARTIALLY_ENRICHED");
        enrichedOrder.put("customer", customer);
        enrichedOrder.put("lines", enrichedLines);
        enrichedOrder.put("subtotal", subtotal.setScale(2, RoundingMode.HALF_UP));
        enrichedOrder.put("discount", discount);
        enrichedOrder.put("total", subtotal.subtract(discount).setScale(2, RoundingMode.HALF_UP));
        return enrichedOrder;
    }

    private static BigDecimal price(Map<String, Object> enriched, int quantity, Map<?, ?> pricing) {
        // A reply without these is the pricing service's fault, not the caller's: say so, not InvalidInput.
        if (!(pricing.get("unitPrice") instanceof Number) || !(pricing.get("stock") instanceof Number)) {
            throw new EnrichmentFailedException("pricing service reply lacks a numeric unitPrice or stock: " + pricing);
        }
        BigDecimal unitPrice = decimal(pricing.get("unitPrice"));
        BigDecimal lineTotal = unitPrice.multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.HALF_UP);
        enriched.put("unitPrice", unitPrice);
        enriched.put("available", ((Number) pricing.get("stock")).intValue() >= quantity);
        enriched.put("lineTotal", lineTotal);
        return lineTotal;
    }

    private static int quantity(Map<?, ?> line, int lineNumber) {
        if (line.get("quantity") instanceof Number quantity && quantity.intValue() > 0) {
            return quantity.intValue();
        }
        throw new IllegalArgumentException("line " + lineNumber + " needs a positive \"quantity\", has "
                                           + line.get("quantity"));
    }

    private static BigDecimal decimal(Object number) {
        // Via text, so 19.9 stays 19.9 whether it arrived as BigDecimal or double.
        return new BigDecimal(String.valueOf(number));
    }

    private static void fail(Object orderId, List<?> lines, Map<Integer, LineFailure> failures)
            throws TimeoutException {
        String cause = "order " + orderId + ": " + failures.size() + " of " + lines.size() + " lines failed: "
                       + failures.entrySet().stream()
                               .map(f -> "line " + f.getKey() + " (" + ((Map<?, ?>) lines.get(f.getKey() - 1)).get("sku")
                                         + ") " + f.getValue().error() + ": " + f.getValue().cause())
                               .collect(Collectors.joining("; "));
        Set<String> errors = failures.values().stream().map(LineFailure::error).collect(Collectors.toSet());
        String common = errors.size() == 1 ? errors.iterator().next() : SfnTaskErrors.ENRICHMENT_FAILED;
        switch (common) {
            case SfnTaskErrors.TIMEOUT -> throw new TimeoutException(cause);
            case SfnTaskErrors.INVALID_INPUT -> throw new IllegalArgumentException(cause);
            default -> throw new EnrichmentFailedException(cause);
        }
    }
}
