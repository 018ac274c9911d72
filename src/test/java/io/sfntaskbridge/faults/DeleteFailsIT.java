package io.sfntaskbridge.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.sfntaskbridge.testsupport.RuntimeProcess;
import io.sfntaskbridge.testsupport.TaskWorkflow;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delete failing after the answer: SQS is unreachable (its proxy disabled) from the moment 2 tasks are in the
 * backend until 25 s after their answers, with a visibility timeout of 10 s. Step Functions is fine, so the answers
 * are accepted and the ledger closes the tasks; the deletes fail after their retries (about 12.5 s), and so do the
 * visibility extensions, so SQS delivers the messages again once it is reachable. What must hold: the ledger says
 * CLOSED, so each redelivery is deleted without work; the backend is called once per token, the executions
 * SUCCEEDED, the queues drain, and no line claims that SQS works again while it is unreachable.
 */
class DeleteFailsIT extends FaultScenario {

    private static final int TASKS = 2;
    // Per task: "Task outcome" and, on the redelivery, "already answered; deleting the message" (2 x 2 = 4). One
    // WARN per kind of failing SQS call (ReceiveMessage, DeleteMessageBatch, ChangeMessageVisibility, the queue sampler)
    // and one INFO when it works again (4 x 2 = 8). 4 + 8 = 12, plus 3 for reminders or duplicate-delivery lines.
    private static final long LOG_BOUND = 15;
    private static final Duration DELETE_GIVES_UP_WITHIN = Duration.ofSeconds(25);

    @Test
    void deleteFailsLongerThanItsRetriesAfterTheAnswer() throws Exception {
        RuntimeProcess runtime = startRuntime("deletefails", Map.of("BRIDGE_WORKER_VISIBILITY_TIMEOUT_SECONDS", "10"));
        List<String> ids = taskIds("deletefails", TASKS);
        List<String> arns = startTasks("deletefails", TASKS, 3000);
        await().atMost(Duration.ofSeconds(30)).until(() -> backend.inFlight() == TASKS);

        long before = runtime.logLines();
        sqs.disable();
        // The answers go through Step Functions, which works; the executions end while SQS is still away.
        List<DescribeExecutionResponse> executions = awaitEnded(arns, Duration.ofSeconds(15));
        await().atMost(Duration.ofSeconds(15)).until(() -> runtime.stdout().contains("SQS DeleteMessageBatch failing"));
        // Keep SQS away until the deletes gave up: 6 attempts waiting about 12.5 s, plus the SDK's own retries of
        // each attempt (a few seconds more). Re-enabled sooner, a delete still retrying may succeed (then there is no
        // redelivery to test), as it did once at 20 s on a busy machine.
        Thread.sleep(DELETE_GIVES_UP_WITHIN.toMillis());
        assertThat(TaskWorkflow.messagesOn(workflow.queueUrl())).as("messages not deleted").isEqualTo(TASKS);
        List<String> duringOutage = runtime.stdout().lines().skip(before).toList();
        sqs.enable();

        assertQueuesEmpty(Duration.ofSeconds(60));
        assertAllAnswered(executions, ids);
        assertCalledOncePerToken(ids);
        long lines = assertQuietLog(runtime, before, LOG_BOUND);
        List<String> log = runtime.stdout().lines().skip(before).toList();
        long deletedOnRedelivery = log.stream().filter(l -> l.contains("already answered; deleting the message"))
                .count();
        assertThat(deletedOnRedelivery).as("redeliveries deleted by the ledger's CLOSED record").isEqualTo(TASKS);
        assertThat(log).filteredOn(l -> l.contains("Task outcome: SUCCEEDED")).hasSize(TASKS);
        // Nothing on SQS can have worked while its proxy was off: a recovery line from then would be false.
        assertThat(duringOutage).as("log lines while SQS was unreachable")
                .noneMatch(l -> l.contains("SQS") && l.contains(" works again after "));
        ScenarioFigures.write("Delete failing after the answer", TASKS,
                "SQS refused from the backend call to 25 s after the answers (deletes outlive their retries)",
                "1 (" + deletedOnRedelivery + " redeliveries deleted unworked)", 0, lines, LOG_BOUND);
    }
}
