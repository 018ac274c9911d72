package io.sfntaskbridge.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.sfntaskbridge.testsupport.RuntimeProcess;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A token that expired before the answer: the Task state times out after 3 s ({@code TimeoutSeconds}) while the
 * backend works for 6 s, so each execution fails with States.Timeout and the answer that follows is refused
 * (TaskTimedOut, or InvalidToken as LocalStack says for a closed task). What must hold: the runtime logs that in one
 * line per task, closes the ledger record, deletes the message, and never calls the backend again for it; no WARN, no
 * stack trace, the runtime stays up.
 */
class ExpiredTokenIT extends FaultScenario {

    private static final int TASKS = 2;
    // Per task: "was already closed when its SUCCESS answer arrived" and "Task outcome: ..." (2), and one
    // "Heartbeat ... refused: the task is closed" for the first heartbeat after the timeout (1). 3 x 2 = 6, plus 2 of
    // slack for a line of the runtime's own that lands in the window on a slow machine (a queue-sample line, say).
    private static final long LOG_BOUND = 3L * TASKS + 2;

    @Override
    protected int taskTimeoutSeconds() {
        return 3;
    }

    /** Step Functions (and LocalStack) refuse a HeartbeatSeconds not below TimeoutSeconds; heartbeats go every 1 s. */
    @Override
    protected int heartbeatSeconds() {
        return 2;
    }

    @Test
    void answerArrivesAfterTheTaskTimedOut() throws Exception {
        RuntimeProcess runtime = startRuntime("expired", Map.of());
        List<String> ids = taskIds("expired", TASKS);
        List<String> arns = startTasks("expired", TASKS, 6000);
        await().atMost(Duration.ofSeconds(30)).until(() -> backend.inFlight() == TASKS);
        // Counted from here, not from the start: the startup report goes on logging after "started in". The tasks
        // time out 3 s after they were sent, so nothing of the fault comes before this.
        long before = runtime.logLines();

        List<DescribeExecutionResponse> executions = awaitEnded(arns, Duration.ofSeconds(30));
        for (DescribeExecutionResponse execution : executions) {
            assertThat(execution.status()).as("execution %s", execution.name()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(execution.error()).isEqualTo("States.Timeout");
        }
        assertThat(backend.inFlight()).as("the backend still works when the tasks time out").isEqualTo(TASKS);

        await().atMost(Duration.ofSeconds(30)).until(() -> runtime.stdout().lines()
                .filter(l -> l.contains("was already closed when its SUCCESS answer arrived")).count() == TASKS);
        assertQueuesEmpty(Duration.ofSeconds(30));
        // Nothing left to deliver; give a stray redelivery (retry delay 5 s) the time to show up anyway.
        Thread.sleep(6_000);
        assertCalledOncePerToken(ids);
        assertQueuesEmpty(Duration.ofSeconds(5));
        long lines = assertQuietLog(runtime, before, LOG_BOUND);
        List<String> log = runtime.stdout().lines().skip(before).toList();
        assertThat(log).as("an expired task is the workflow's business, not a fault of the runtime")
                .noneMatch(l -> l.contains("WARN") || l.contains("ERROR"));
        assertThat(log).filteredOn(l -> l.matches(".*Task outcome: (TASK_CLOSED|INVALID_TOKEN).*")).hasSize(TASKS);
        ScenarioFigures.write("Token expired before the answer", TASKS,
                "Task state TimeoutSeconds 3 s, backend 6 s (answer refused: TaskTimedOut/InvalidToken)",
                "1", 0, lines, LOG_BOUND);
    }
}
