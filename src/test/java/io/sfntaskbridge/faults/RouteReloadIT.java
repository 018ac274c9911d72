package io.sfntaskbridge.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.sfntaskbridge.testsupport.RuntimeProcess;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A route reloaded while its tasks run longer than the drain timeout: the runtime's route reloader (on by default)
 * sees the worker route's file change, validates it and replaces the route, stopping the old one through the
 * draining shutdown strategy. The drain
 * (3 s) hands the 2 tasks of 15 s back, the reloaded route takes them over and answers them with its own, second
 * backend call; the handed-back work of the old route can no longer answer. No task is lost and the runtime stays up.
 */
class RouteReloadIT extends FaultScenario {

    private static final int TASKS = 2;
    private static final String DRAINED = "Drained \\[[^]]*task-worker[^]]*\\] in \\d+ ms: ";
    // the reload's line and Camel's route stop/start lines (about 6), the drain's 2 lines, per task "Taking over",
    // "Task outcome" and the old work's refused answer, and slack
    private static final long LOG_BOUND = 40;

    @Test
    void editOfTheWorkerRouteWhileTasksRunLosesNoneAndRunsNoneTwice() throws Exception {
        RuntimeProcess runtime = startRuntime("edit", Map.of());
        List<String> ids = taskIds("edit", 4);
        List<String> arns = startTasks("edit", 4, 5_000);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> backend.inFlight() >= 2);

        long before = runtime.logLines();
        Path worker = runtime.workDir().resolve("routes").resolve("task-worker.camel.yaml");
        Files.writeString(worker, Files.readString(worker).replace("- to: direct:enrich-order",
                "- setHeader:\n            name: EditedBy\n            constant: RouteReloadIT\n        - to: direct:enrich-order"));

        assertThat(runtime.awaitLine(DRAINED, Duration.ofSeconds(30)))
                .containsPattern(DRAINED + "[1-4] tasks finished, 0 handed back to the queue");
        runtime.awaitLine("Routes reloaded: .*task-worker.camel.yaml.*changed \\[task-worker\\]", Duration.ofSeconds(30));
        List<String> more = startTasks("edit-after", 2, 100);

        assertAllAnswered(awaitEnded(arns, Duration.ofMinutes(1)), ids);
        assertAllAnswered(awaitEnded(more, Duration.ofMinutes(1)), taskIds("edit-after", 2));
        assertCalledOncePerTokenAmong(ids, taskIds("edit-after", 2));
        assertQueuesEmpty(Duration.ofSeconds(30));
        long lines = assertQuietLog(runtime, before, 20);
        ScenarioFigures.write("Worker route edited while tasks run", 6,
                "task-worker.camel.yaml edited while tasks of 5 s run (drain 20 s); 2 more tasks after", "1", 0,
                lines, 20);
    }

    @Test
    void reloadDrainsHandsBackAndTheNewRouteTakesOver() throws Exception {
        RuntimeProcess runtime = startRuntime("reload", Map.of("BRIDGE_WORKER_DRAIN_TIMEOUT_SECONDS", "3"));
        List<String> ids = taskIds("reload", TASKS);
        List<String> arns = startTasks("reload", TASKS, 15_000);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> backend.inFlight() == TASKS);

        long before = runtime.logLines();
        Path worker = runtime.workDir().resolve("routes").resolve("task-worker.camel.yaml");
        Files.writeString(worker, Files.readString(worker) + "\n# touched by RouteReloadIT to make the runtime reload it\n");

        String drained = runtime.awaitLine(DRAINED, Duration.ofSeconds(30));
        assertThat(drained).containsPattern(DRAINED + "0 tasks finished, " + TASKS + " handed back to the queue");
        runtime.awaitLine("Routes reloaded: .*task-worker.camel.yaml.*changed \\[task-worker\\]", Duration.ofSeconds(30));

        List<DescribeExecutionResponse> executions = awaitEnded(arns, Duration.ofMinutes(2));
        assertRedoneOnceByTakeOver(executions, ids, runtime);
        assertQueuesEmpty(Duration.ofSeconds(30));
        // the old route's work ends 15 s after it started; wait for it, so its lines are counted too
        Thread.sleep(3000);
        long lines = assertQuietLog(runtime, before, LOG_BOUND);
        ScenarioFigures.write("Route reloaded while tasks outlive the drain", TASKS,
                "task-worker.camel.yaml rewritten while 2 tasks of 15 s run; drain 3 s", "2 (2 handed back: 2)", 0,
                lines, LOG_BOUND);
    }
}
