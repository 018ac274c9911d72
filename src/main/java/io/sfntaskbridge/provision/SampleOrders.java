package io.sfntaskbridge.provision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The S3 sample's orders, shaped like those of {@code samples/orders.json}: customers C-001 to C-004 of the sample
 * database, one to three lines of SKU-01 to SKU-10, the SKUs the sample pricing service prices, and two orders in
 * three needing enrichment. They follow from the count alone (no randomness), so the same count gives the same bytes
 * on every run and provisioning can tell that the uploaded object is already there.
 */
final class SampleOrders {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleOrders() {
    }

    /** A compact JSON array of {@code count} orders, ORD-S3-00001 onwards. */
    static byte[] json(int count) {
        List<Map<String, Object>> orders = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            orders.add(order(i));
        }
        try {
            return JSON.writeValueAsBytes(orders);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sample orders cannot be written as JSON", e);
        }
    }

    private static Map<String, Object> order(int i) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int j = 0; j <= i % 3; j++) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sku", String.format("SKU-%02d", (i * 3 + j * 7) % 10 + 1));
            line.put("quantity", (i + j) % 3 + 1);
            lines.add(line);
        }
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("orderId", String.format("ORD-S3-%05d", i + 1));
        order.put("customerId", "C-00" + (i % 4 + 1));
        order.put("needsEnrichment", i % 3 != 1);
        order.put("lines", lines);
        return order;
    }
}
