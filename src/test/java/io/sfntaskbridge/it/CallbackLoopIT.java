package io.sfntaskbridge.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.sfntaskbridge.task.SfnTaskOutcome;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The main loop: Distributed Map → work queue → YAML worker (concurrency 3) → SendTaskSuccess → results. */
class CallbackLoopIT extends WorkflowITSupport {

    @Override
    protected Map<String, String> settings() {
        return Map.of("bridge.worker.concurrency", "3");
    }

    @Test
    @SuppressWarnings("unchecked")
    void fiftyOrdersOfWhichTwentyAreEnrichedThroughTheQueue() throws Exception {
        List<Map<String, Object>> orders = new ArrayList<>();
        // Orders to enrich go to the sample systems: customers C-001..C-004, SKU-01..SKU-10.
        IntStream.rangeClosed(1, 50).forEach(i -> orders.add(i % 5 < 2
                ? order("o-" + i, "C-00" + (i % 4 + 1), line("SKU-%02d".formatted(i % 10 + 1), i % 3 + 1))
                : order("o-" + i, false, null)));
        List<String> siphoned = orders.stream().filter(o -> (boolean) o.get("needsEnrichment"))
                .map(o -> (String) o.get("orderId")).toList();
        assertThat(siphoned).hasSize(20);

        DescribeExecutionResponse execution = awaitEnd(startExecution(orders), Duration.ofMinutes(3));

        assertThat(execution.status()).as("execution %s: %s", execution.error(), execution.cause())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        List<Map<String, Object>> results = results(execution);
        assertThat(results).hasSize(50);
        Map<Object, List<Object>> idsByStatus = results.stream().collect(Collectors.groupingBy(r -> r.get("status"),
                Collectors.mapping(r -> r.get("orderId"), Collectors.toList())));
        assertThat(idsByStatus.get("ENRICHED")).containsExactlyInAnyOrderElementsOf(siphoned);
        assertThat(idsByStatus.get("NOT_ENRICHED")).hasSize(30).doesNotContainAnyElementsOf(siphoned);
        Map<Object, Map<String, Object>> sent = orders.stream().collect(Collectors.toMap(o -> o.get("orderId"), o -> o));
        assertThat(results).filteredOn(r -> "ENRICHED".equals(r.get("status"))).allSatisfy(r -> {
            Map<String, Object> order = sent.get(r.get("orderId"));
            assertThat(r.get("customer")).asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("customerId", order.get("customerId"));
            assertThat(r.get("lines")).asInstanceOf(InstanceOfAssertFactories.LIST).singleElement()
                    .asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("sku", ((List<Map<?, ?>>) order.get("lines")).get(0).get("sku"))
                    .containsKeys("unitPrice", "available", "lineTotal");
            assertThat(((Number) r.get("total")).doubleValue()).isPositive();
        });

        assertThat(answers(SfnTaskOutcome.SUCCEEDED)).as("tasks answered").isEqualTo(20);
        assertThat(answers(SfnTaskOutcome.TASK_CLOSED)).as("duplicate answers").isZero();
        assertThat(answers(SfnTaskOutcome.FAILED)).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> approximateMessages(workflow().workQueueUrl()) == 0);
        assertThat(approximateMessages(deadLetterQueueUrl())).isZero();
    }
}
