package io.sfntaskbridge.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.sfntaskbridge.component.SfnTaskOutcome;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When the answer call fails (here: the first SendTaskSuccess attempt never leaves the process, as with a network
 * outage), the message is not deleted, becomes visible again after the retry delay, and the task is answered on
 * redelivery. Everything else is the real path on the emulator.
 */
class AnswerRetryIT extends WorkflowITSupport {

    private final AtomicInteger answerAttempts = new AtomicInteger();

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected String enrichmentRoutes() {
        return SIMULATING_ENRICHMENT;
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("bridge.worker.retry-delay-seconds", "1");
    }

    @Test
    void failedAnswerLeavesTheMessageForRedeliveryAndTheTaskIsAnsweredOnce() throws Exception {
        AdviceWith.adviceWith(context, "task-worker", route -> route.weaveByToUri("sfn-task:success").before()
                .process(exchange -> {
                    if (answerAttempts.incrementAndGet() == 1) {
                        throw SdkClientException.create("injected: connection reset while answering");
                    }
                }));
        context.start();

        // Within 45 s although the receive's visibility timeout is 60 s: the failure made the message visible again.
        DescribeExecutionResponse execution = awaitEnd(startExecution(List.of(order("retry-1", true, null))),
                Duration.ofSeconds(45));

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(results(execution).get(0)).containsEntry("status", "ENRICHED");
        assertThat(answerAttempts).as("first attempt failed, redelivery answered").hasValue(2);
        assertThat(answers("success", SfnTaskOutcome.SUCCEEDED)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> approximateMessages(workflow().workQueueUrl()) == 0);
        assertThat(approximateMessages(deadLetterQueueUrl())).isZero();
    }
}
