package io.sfntaskbridge.provision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfntaskbridge.payload.PayloadOffload;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SampleOrdersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sameCountGivesTheSameBytes() {
        assertThat(SampleOrders.json(2000)).isEqualTo(SampleOrders.json(2000));
        assertThat(PayloadOffload.sha256(SampleOrders.json(7))).isEqualTo(PayloadOffload.sha256(SampleOrders.json(7)))
                .isNotEqualTo(PayloadOffload.sha256(SampleOrders.json(8)));
    }

    @Test
    void isAJsonArrayOfThatManyOrdersWithDistinctIds() throws Exception {
        JsonNode orders = JSON.readTree(SampleOrders.json(2000));

        assertThat(orders.isArray()).isTrue();
        assertThat(orders).hasSize(2000);
        Set<String> ids = new HashSet<>();
        orders.forEach(order -> ids.add(order.path("orderId").asText()));
        assertThat(ids).hasSize(2000).contains("ORD-S3-00001", "ORD-S3-02000");
        assertThat(JSON.readTree(SampleOrders.json(1))).hasSize(1);
    }

    @Test
    void ordersAreShapedLikeTheSampleOnesAndUseOnlyKnownCustomersAndSkus() throws Exception {
        Set<String> pricedSkus = matches(Path.of("samples/pricing/mappings/prices.json"),
                "\"urlPath\": \"/prices/([^\"]+)\"");
        Set<String> customers = matches(Path.of("samples/db/seed.sql"), "'(C-\\d+)'");
        JsonNode sampleOrder = JSON.readTree(Path.of("samples/orders.json").toFile()).at("/orders/0");
        int enriched = 0;

        for (JsonNode order : JSON.readTree(SampleOrders.json(300))) {
            assertThat(fieldNames(order)).isEqualTo(fieldNames(sampleOrder));
            assertThat(order.path("customerId").asText()).isIn(customers);
            assertThat(order.path("needsEnrichment").isBoolean()).isTrue();
            enriched += order.path("needsEnrichment").asBoolean() ? 1 : 0;
            assertThat(order.path("lines").size()).isBetween(1, 3);
            for (JsonNode line : order.path("lines")) {
                assertThat(fieldNames(line)).isEqualTo(fieldNames(sampleOrder.at("/lines/0")));
                assertThat(line.path("sku").asText()).isIn(pricedSkus);
                assertThat(line.path("quantity").asInt()).isBetween(1, 3);
            }
        }
        assertThat(enriched).as("two in three need enrichment").isEqualTo(200);
        assertThat(pricedSkus).hasSize(10);
    }

    @Test
    void twoThousandOrdersArePastStepFunctionsPayloadLimit() {
        assertThat(SampleOrders.json(2000).length).as("bytes").isGreaterThan(256 * 1024);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> matches(Path file, String regex) throws Exception {
        Set<String> found = new HashSet<>();
        for (Matcher match = Pattern.compile(regex).matcher(Files.readString(file)); match.find(); ) {
            found.add(match.group(1));
        }
        assertThat(found).as("matches of %s in %s", regex, file).isNotEmpty();
        return found;
    }
}
