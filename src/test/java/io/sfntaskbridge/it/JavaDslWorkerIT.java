package io.sfntaskbridge.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.sfntaskbridge.worker.TaskAnswersRouteConfiguration;
import io.sfntaskbridge.worker.TaskWorkerRouteBuilder;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java DSL twin of the YAML worker, wired as the README describes, answers the same way. */
class JavaDslWorkerIT extends WorkflowITSupport {

    @Override
    protected String enrichmentRoutes() {
        return SIMULATING_ENRICHMENT;
    }

    @Override
    protected String routesIncludePattern() {
        return enrichmentRoutes();
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("camel.main.routes-builder-classes",
                TaskWorkerRouteBuilder.class.getName() + "," + TaskAnswersRouteConfiguration.class.getName());
    }

    @Test
    void javaWorkerAnswersSuccessAndFailure() throws Exception {
        DescribeExecutionResponse execution = awaitEnd(startExecution(List.of(
                order("java-1", true, null),
                order("java-2", true, null),
                order("java-broken", true, "fail"))), Duration.ofMinutes(2));

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        Map<Object, Map<String, Object>> byId = results(execution).stream()
                .collect(Collectors.toMap(r -> r.get("orderId"), Function.identity()));
        assertThat(byId.get("java-1")).containsEntry("status", "ENRICHED");
        assertThat(byId.get("java-2")).containsEntry("status", "ENRICHED");
        assertThat(byId.get("java-broken")).containsEntry("status", "FAILED")
                .containsEntry("error", "Bridge.TaskFailed").containsEntry("cause", "ERP rejected order java-broken");
        assertThat(context.getRoute("task-worker").getSourceResource()).as("no YAML worker loaded").isNull();
    }
}
