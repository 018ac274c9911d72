package io.sfntaskbridge.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.sfntaskbridge.testsupport.RuntimeProcess;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM with 4 tasks in the backend. Short tasks finish inside the drain and are answered by the dying process, which
 * then exits with 0. Long tasks outlive a 3 s drain: they are handed back (claim released, message visible at once),
 * the process still exits with 0 within drain + shutdown timeout, and the restarted runtime takes them over and
 * answers them with its own, second backend call.
 */
class SigtermDrainIT extends FaultScenario {

    private static final int TASKS = 4;

    @Test
    void shortTasksFinishInsideTheDrainAndTheProcessExitsWithZero() throws Exception {
        RuntimeProcess runtime = startRuntime("short", Map.of());
        List<String> ids = taskIds("short", TASKS);
        List<String> arns = startTasks("short", TASKS, 3000);
        await().atMost(Duration.ofSeconds(30)).until(() -> backend.inFlight() == TASKS);

        long before = runtime.logLines();
        long stopMillis = sigterm(runtime, 15);
        // 3 s of work, the answers, then Camel's stop of idle routes: well inside 10 s.
        assertThat(stopMillis).as("ms from SIGTERM to exit").isLessThan(10_000);
        assertThat(runtime.stdout()).containsPattern(DRAINED + TASKS + " tasks finished, 0 handed back to the queue");

        assertAllAnswered(awaitEnded(arns, Duration.ofSeconds(30)), ids);
        assertCalledOncePerToken(ids);
        assertQueuesEmpty(Duration.ofSeconds(30));
        // 4 "Task outcome", the drain's 2 lines and Camel's stop report (about 10 lines for 5 routes).
        long lines = assertStoppedLog(runtime, before, 25);
        ScenarioFigures.write("SIGTERM with short tasks in flight", TASKS,
                "SIGTERM while 4 tasks of 3 s run; exit 0 after " + stopMillis + " ms", "1", 0, lines, 25);
    }

    @Test
    void longTasksAreHandedBackAndTheRestartedRuntimeAnswersThem() throws Exception {
        RuntimeProcess runtime = startRuntime("long", Map.of("BRIDGE_WORKER_DRAIN_TIMEOUT_SECONDS", "3"));
        List<String> ids = taskIds("long", TASKS);
        List<String> arns = startTasks("long", TASKS, 20_000);
        await().atMost(Duration.ofSeconds(30)).until(() -> backend.inFlight() == TASKS);

        long before = runtime.logLines();
        // drain (3 s) + Camel's shutdown timeout (5 s) + a JVM's exit: 12 s is the bound, 20 s the hard stop.
        long stopMillis = sigterm(runtime, 20);
        assertThat(stopMillis).as("ms from SIGTERM to exit").isLessThan(12_000);
        assertThat(runtime.stdout()).containsPattern(DRAINED + "0 tasks finished, " + TASKS
                                                     + " handed back to the queue");
        long lines = assertStoppedLog(runtime, before, 25);
        assertThat(backend.totalCalls()).as("calls before the restart").isEqualTo(TASKS);

        runtime.restart();
        awaitStarted(runtime);
        long restartedAt = runtime.logLines();
        List<DescribeExecutionResponse> executions = awaitEnded(arns, Duration.ofMinutes(2));
        assertRedoneOnceByTakeOver(executions, ids, runtime);
        assertQueuesEmpty(Duration.ofSeconds(30));
        // per task one "Taking over" and one "Task outcome", plus a few lines of slack
        lines += assertQuietLog(runtime, restartedAt, 2L * TASKS + 4);
        ScenarioFigures.write("SIGTERM with long tasks in flight", TASKS,
                "SIGTERM while 4 tasks of 20 s run, drain 3 s; exit 0 after " + stopMillis
                + " ms; restart", "2 (4 handed back: 2)", 0, lines, 25 + 2L * TASKS + 4);
    }
}
