package io.sfntaskbridge.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.sfntaskbridge.task.SfnTaskOutcome;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** A task whose processing throws becomes SendTaskFailure, which the Map item's Catch folds into its result. */
class TaskFailureIT extends WorkflowITSupport {

    @Override
    protected String enrichmentRoutes() {
        return SIMULATING_ENRICHMENT;
    }

    @Test
    void failingOrderReachesTheItemCatchWithErrorNameAndCause() throws Exception {
        DescribeExecutionResponse execution = awaitEnd(startExecution(List.of(
                order("ok-1", true, null),
                order("broken-1", true, "fail"),
                order("skip-1", false, null))), Duration.ofMinutes(2));

        // The ASL catches States.ALL per item, so one failed order does not fail the execution.
        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        Map<Object, Map<String, Object>> byId = results(execution).stream()
                .collect(Collectors.toMap(r -> r.get("orderId"), Function.identity()));
        assertThat(byId.get("ok-1")).containsEntry("status", "ENRICHED");
        assertThat(byId.get("skip-1")).containsEntry("status", "NOT_ENRICHED");
        assertThat(byId.get("broken-1"))
                .containsEntry("status", "FAILED")
                .containsEntry("error", "Bridge.TaskFailed")
                .containsEntry("cause", "ERP rejected order broken-1");
        assertThat(answers(SfnTaskOutcome.FAILED)).isEqualTo(1);
        assertThat(answers(SfnTaskOutcome.SUCCEEDED)).isEqualTo(1);
    }
}
