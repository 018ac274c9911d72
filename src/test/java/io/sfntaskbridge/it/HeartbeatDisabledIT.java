package io.sfntaskbridge.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.sfntaskbridge.task.SfnTaskOutcome;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The control for {@link HeartbeatIT}: without heartbeats the same slow task times out. */
class HeartbeatDisabledIT extends WorkflowITSupport {

    @Override
    protected int heartbeatSeconds() {
        return HeartbeatIT.HEARTBEAT_SECONDS;
    }

    @Override
    protected String enrichmentRoutes() {
        return SIMULATING_ENRICHMENT;
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("bridge.worker.keep-alive-enabled", "false");
    }

    @Test
    void slowTaskTimesOutWithoutHeartbeatsAndTheLateAnswerIsNotACrash() throws Exception {
        DescribeExecutionResponse execution = awaitEnd(
                startExecution(List.of(order("slow-1", true, HeartbeatIT.SLOW_TASK))), Duration.ofMinutes(1));

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        Map<String, Object> result = results(execution).get(0);
        assertThat(result).containsEntry("status", "FAILED");
        // AWS reports States.HeartbeatTimeout; LocalStack 4.x reports every task timeout as States.Timeout.
        assertThat((String) result.get("error")).isIn("States.HeartbeatTimeout", "States.Timeout");

        // The worker finishes later and answers a closed task: counted, logged, and the message is still deleted.
        // AWS answers TaskTimedOut there; LocalStack forgets the token and answers InvalidToken.
        await().atMost(Duration.ofSeconds(20)).until(() -> answers(SfnTaskOutcome.TASK_CLOSED)
                                                          + answers(SfnTaskOutcome.INVALID_TOKEN) == 1);
        assertThat(answers(SfnTaskOutcome.SUCCEEDED)).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> approximateMessages(workflow().workQueueUrl()) == 0);
    }
}
