package io.sfntaskbridge.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.sfntaskbridge.testsupport.RuntimeProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More tasks than working slots, with a short HeartbeatSeconds (4 s): 8 tasks of 3 s on 2 slots take four rounds, so
 * without a waiting room the last ones would sit in the queue for about 9 s, unheartbeated, and time out. The waiting
 * room (6) receives them at once and keeps them alive (heartbeats, visibility, lease) until a slot is free: all 8
 * succeed, each with one backend call, and never more than 2 run at once.
 */
class WaitingRoomIT extends FaultScenario {

    private static final int TASKS = 8;
    // per task one "Task outcome" line, plus a few lines of slack
    private static final long LOG_BOUND = TASKS + 4;

    @Override
    protected int heartbeatSeconds() {
        return 4;
    }

    @Test
    void waitingTasksAreKeptAliveUntilASlotIsFree() throws Exception {
        RuntimeProcess runtime = startRuntime("room", Map.of("BRIDGE_WORKER_CONCURRENCY", "2",
                "BRIDGE_WORKER_WAITING_ROOM", "6"));
        long before = runtime.logLines();
        List<String> ids = taskIds("room", TASKS);
        long start = System.nanoTime();
        List<String> arns = startTasks("room", TASKS, 3000);

        assertAllAnswered(awaitEnded(arns, Duration.ofMinutes(2)), ids);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertCalledOncePerToken(ids);
        assertThat(backend.maxConcurrent()).as("backend calls at once").isLessThanOrEqualTo(2);
        // four rounds of 3 s: the tasks really waited, longer than HeartbeatSeconds
        assertThat(millis).as("ms until all ended").isGreaterThanOrEqualTo(12_000);
        assertQueuesEmpty(Duration.ofSeconds(30));
        long lines = assertQuietLog(runtime, before, LOG_BOUND);
        ScenarioFigures.write("Waiting room with short HeartbeatSeconds", TASKS,
                "8 tasks of 3 s at once on 2 slots + waiting room 6, HeartbeatSeconds 4; all ended after " + millis
                + " ms, at most " + backend.maxConcurrent() + " backend calls at once", "1", 0, lines, LOG_BOUND);
    }
}
