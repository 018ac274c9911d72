package io.sfntaskbridge.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.sfntaskbridge.testsupport.RuntimeProcess;
import io.sfntaskbridge.testsupport.Toxiproxy;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The response of an accepted answer lost: while 2 tasks are in the backend, Step Functions' replies stop (a timeout
 * toxic with timeout 0 on the downstream of its proxy), so SendTaskSuccess reaches LocalStack and is accepted, but
 * the runtime never hears so and its call times out (API call timeout 10 s). Once it did, the replies flow again and
 * the retry of the answer is told the task is closed (TaskTimedOut or InvalidToken). What must hold: the runtime
 * takes that as the end of the task (ledger closed, message deleted), never calls the backend a second time, leaves
 * the executions SUCCEEDED with their first answer, and logs a few lines.
 */
class AnswerResponseLostIT extends FaultScenario {

    private static final int TASKS = 2;
    // Per task: "was already closed when its SUCCESS answer arrived" and "Task outcome: ..." (2 x 2 = 4); one WARN
    // for SendTaskSuccess timing out; a heartbeat sent into the stalled connection adds a WARN and its recovery INFO
    // (2), and a heartbeat after the task closed is refused with one INFO per task (2). 4 + 1 + 2 + 2 = 9, plus 1.
    private static final long LOG_BOUND = 10;

    @Test
    void answerAcceptedButItsResponseNeverArrives() throws Exception {
        RuntimeProcess runtime = startRuntime("responselost", Map.of());
        List<String> ids = taskIds("responselost", TASKS);
        List<String> arns = startTasks("responselost", TASKS, 4000);
        await().atMost(Duration.ofSeconds(30)).until(() -> backend.inFlight() == TASKS);

        long before = runtime.logLines();
        String stalled = sfn.timeout(Toxiproxy.Stream.DOWNSTREAM, 0);
        // The answers get through: LocalStack closes the executions although the runtime hears nothing back.
        List<DescribeExecutionResponse> executions = awaitEnded(arns, Duration.ofSeconds(30));
        assertThat(executions).allMatch(e -> e.status() == ExecutionStatus.SUCCEEDED);
        assertThat(runtime.stdout()).as("no reply has reached the runtime yet").doesNotContain("Task outcome");
        // Keep the replies cut until the runtime's call gave up (10 s call timeout), then let the retry through.
        await().atMost(Duration.ofSeconds(20)).until(() -> runtime.stdout().contains("SendTaskSuccess failing"));
        sfn.removeToxic(stalled);

        await().atMost(Duration.ofSeconds(30)).until(() -> runtime.stdout().lines()
                .filter(l -> l.contains("was already closed when its SUCCESS answer arrived")).count() == TASKS);
        assertQueuesEmpty(Duration.ofSeconds(60));
        assertAllAnswered(executions, ids);
        assertCalledOncePerToken(ids);
        long lines = assertQuietLog(runtime, before, LOG_BOUND);
        assertThat(runtime.stdout()).as("a closed task is an answer, not a failure").doesNotContain("Task failed");
        ScenarioFigures.write("Answer accepted, response lost", TASKS,
                "Step Functions replies dropped until the runtime's SendTaskSuccess timed out (10 s)",
                "1", 0, lines, LOG_BOUND);
    }
}
