package io.sfntaskbridge.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.testsupport.InjectedFaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When the answer call fails after its retries (here: the one SendTaskSuccess attempt allowed never leaves the
 * process, as with a network outage), the answer stays stored in the ledger, the message becomes visible again after
 * the retry delay, and its redelivery sends the stored answer without running the work again. Everything else is the
 * real path on the emulator.
 */
class AnswerRetryIT extends WorkflowITSupport {

    @Override
    protected String enrichmentRoutes() {
        return SIMULATING_ENRICHMENT;
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("bridge.worker.retry-delay-seconds", "1", "camel.component.sfn-task.retry-attempts", "1",
                "bridge.aws.retry.max-attempts", "1");
    }

    @AfterEach
    void disarm() {
        InjectedFaults.reset();
    }

    @Test
    void failedAnswerIsStoredAndSentOnRedeliveryWithoutRedoingTheWork() throws Exception {
        InjectedFaults.reset();
        InjectedFaults.failNext("SendTaskSuccess", 1);

        // Within 45 s although the receive's visibility timeout is 60 s: the failure made the message visible again.
        DescribeExecutionResponse execution = awaitEnd(startExecution(List.of(order("retry-1", true, null))),
                Duration.ofSeconds(45));

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(results(execution).get(0)).containsEntry("status", "ENRICHED");
        assertThat(InjectedFaults.calls("SendTaskSuccess")).as("the failed attempt, then the stored answer").isEqualTo(2);
        assertThat(answers(SfnTaskOutcome.RESENT)).as("the redelivery sent the stored answer").isEqualTo(1);
        assertThat(answers(SfnTaskOutcome.SUCCEEDED)).as("the work ran once: no second answer of it").isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> approximateMessages(workflow().workQueueUrl()) == 0);
        assertThat(approximateMessages(deadLetterQueueUrl())).isZero();
    }
}
