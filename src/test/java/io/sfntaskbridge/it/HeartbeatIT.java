package io.sfntaskbridge.it;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task that takes 3.5 × HeartbeatSeconds succeeds only because the worker sends heartbeats;
 * {@link HeartbeatDisabledIT} runs the same task with them switched off and sees it time out.
 */
class HeartbeatIT extends WorkflowITSupport {

    static final int HEARTBEAT_SECONDS = 2;
    static final String SLOW_TASK = "sleep:" + HEARTBEAT_SECONDS * 3500;

    @Override
    protected int heartbeatSeconds() {
        return HEARTBEAT_SECONDS;
    }

    @Override
    protected String enrichmentRoutes() {
        return SIMULATING_ENRICHMENT;
    }

    @Test
    void slowTaskSucceedsBecauseOfAutomaticHeartbeats() throws Exception {
        DescribeExecutionResponse execution = awaitEnd(startExecution(List.of(order("slow-1", true, SLOW_TASK))),
                Duration.ofMinutes(1));

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(results(execution).get(0)).containsEntry("status", "ENRICHED");
        assertThat(worker().heartbeatsSent())
                .as("heartbeats sent during a %d ms task", HEARTBEAT_SECONDS * 3500)
                .isGreaterThanOrEqualTo(3);
    }
}
