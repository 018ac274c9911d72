package io.sfntaskbridge.faults;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.sfntaskbridge.testsupport.RuntimeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cap across instances (bridge.worker.global-concurrency): three runtimes of 4 slots each share a PostgreSQL
 * ledger and a global cap of 6. The backend never sees more than 6 calls at once, and it does see 6. When one runtime
 * is killed, its slots come back once their lease (6 s) runs out, the other two fill them again, and every task still
 * completes: once, or twice for the calls the kill cut off.
 */
class GlobalCapIT extends FaultScenario {

    private static final int TASKS = 36;
    private static final int GLOBAL_CAP = 6;
    // per runtime: at most one "Taking over" per task the killed one had, a few lines of slack
    private static final long LOG_BOUND = 12;

    private final String table = "global_cap_" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void dropTables() throws Exception {
        runtimes.forEach(RuntimeProcess::destroy);
        dropLedgerTables(table);
    }

    @Test
    void threeInstancesOfFourStayWithinAGlobalCapOfSixEvenWhenOneDies() throws Exception {
        Map<String, String> shared = Map.of("BRIDGE_LEDGER_URL", POSTGRES, "BRIDGE_LEDGER_TABLE", table,
                "BRIDGE_WORKER_CONCURRENCY", "4", "BRIDGE_WORKER_GLOBAL_CONCURRENCY", String.valueOf(GLOBAL_CAP),
                "BRIDGE_LEDGER_LEASE_SECONDS", "6", "BRIDGE_WORKER_VISIBILITY_TIMEOUT_SECONDS", "8");
        RuntimeProcess a = startRuntime("a", shared);
        RuntimeProcess b = startRuntime("b", shared);
        RuntimeProcess c = startRuntime("c", shared);

        List<String> ids = taskIds("capped", TASKS);
        List<String> arns = startTasks("capped", TASKS, 2500);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> backend.inFlight() == GLOBAL_CAP);
        long aBefore = a.logLines();
        long cBefore = c.logLines();
        Set<String> inFlightAtKill = new HashSet<>(backend.inFlightTaskIds());
        b.signal("KILL");
        assertThat(b.waitForExit(10)).as("exit code of a SIGKILL").isEqualTo(137);
        // The two left (8 local slots) fill the global 6 again once b's slots expired.
        int maxBeforeKill = backend.resetMaxConcurrent();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> backend.inFlight() == GLOBAL_CAP);

        assertAllAnswered(awaitEnded(arns, Duration.ofMinutes(3)), ids);
        assertThat(backend.maxConcurrent()).as("calls at once after the kill").isLessThanOrEqualTo(GLOBAL_CAP);
        assertThat(maxBeforeKill).as("calls at once before the kill: the cap, reached").isEqualTo(GLOBAL_CAP);
        Set<String> twice = backend.taskIdsCalledMoreThanOnce();
        assertThat(twice).as("tasks redone after the kill: only calls b had in flight").hasSizeLessThanOrEqualTo(4)
                .isSubsetOf(inFlightAtKill);
        for (String id : ids) {
            assertThat(backend.callsFor(id)).as("backend calls for %s", id).isEqualTo(twice.contains(id) ? 2 : 1);
        }
        assertQueuesEmpty(Duration.ofSeconds(30));
        long lines = assertQuietLog(a, aBefore, LOG_BOUND + TASKS) + assertQuietLog(c, cBefore, LOG_BOUND + TASKS);
        ScenarioFigures.write("Global cap of 6 over three instances of 4, one killed", TASKS,
                "3 runtimes (4 slots each, global cap 6) on one PostgreSQL ledger; SIGKILL to one mid-run",
                "1 (" + twice.size() + " cut off by the kill: 2)", 0, lines, 2 * (LOG_BOUND + TASKS));
    }
}
