package io.sfntaskbridge.faults;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.sfntaskbridge.testsupport.CountingBackend;
import io.sfntaskbridge.testsupport.RuntimeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three runtimes on one queue sharing a PostgreSQL ledger; one of them (b) is killed while its 3 task slots are all
 * in the backend. Runtime b calls a backend of its own, so the tasks it had in flight are known exactly: those are
 * taken over by a and c once their leases (6 s) and visibility (8 s) run out, with exactly 2 backend calls each; every
 * other task is called once. a and c stay up and log a few lines per task.
 */
class SharedLedgerIT extends FaultScenario {

    private static final int TASKS = 24;
    private static final int CONCURRENCY = 3;
    // per runtime: at most one "Task outcome" per task; per task b had, one "Taking over" and at most one
    // "Duplicate delivery"; and slack
    private static final long LOG_BOUND = TASKS + 2L * CONCURRENCY + 4;

    private final String table = "shared_ledger_" + UUID.randomUUID().toString().substring(0, 8);
    private CountingBackend backendOfB;

    @AfterEach
    void dropLedgerAndSecondBackend() throws Exception {
        runtimes.forEach(RuntimeProcess::destroy);
        if (backendOfB != null) {
            backendOfB.close();
        }
        dropLedgerTables(table);
    }

    @Test
    void killedInstanceTasksAreTakenOverByTheOthers() throws Exception {
        backendOfB = CountingBackend.start();
        Map<String, String> shared = Map.of("BRIDGE_LEDGER_URL", POSTGRES, "BRIDGE_LEDGER_TABLE", table,
                "BRIDGE_WORKER_CONCURRENCY", String.valueOf(CONCURRENCY), "BRIDGE_LEDGER_LEASE_SECONDS", "6",
                "BRIDGE_WORKER_VISIBILITY_TIMEOUT_SECONDS", "8");
        RuntimeProcess a = startRuntime("a", shared);
        Map<String, String> ofB = new HashMap<>(shared);
        ofB.put("BRIDGE_TEST_BACKEND_URL", backendOfB.url());
        RuntimeProcess b = startRuntime("b", ofB);
        RuntimeProcess c = startRuntime("c", shared);

        List<String> ids = taskIds("shared", TASKS);
        List<String> arns = startTasks("shared", TASKS, 2000);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> backendOfB.inFlight() == CONCURRENCY);
        Set<String> beforeKill = backendOfB.inFlightTaskIds();
        long aBefore = a.logLines();
        long cBefore = c.logLines();
        b.signal("KILL");
        Set<String> cut = backendOfB.inFlightTaskIds();
        // The calls sleep 2 s; none may have ended around the kill, else which ones b left is not certain.
        assertThat(cut).as("b's calls in flight just before and just after the kill").hasSize(CONCURRENCY)
                .isEqualTo(beforeKill);
        assertThat(b.waitForExit(10)).as("exit code of a SIGKILL").isEqualTo(137);

        assertAllAnswered(awaitEnded(arns, Duration.ofMinutes(2)), ids);
        for (String id : ids) {
            assertThat(backend.callsFor(id) + backendOfB.callsFor(id)).as("backend calls for %s", id)
                    .isEqualTo(cut.contains(id) ? 2 : 1);
        }
        assertThat(backend.totalCalls() + backendOfB.totalCalls()).as("backend calls in all")
                .isEqualTo(TASKS + CONCURRENCY);
        for (String id : cut) {
            assertThat(backend.callsFor(id)).as("calls of a or c for %s, which b had", id).isEqualTo(1);
        }
        assertQueuesEmpty(Duration.ofSeconds(30));
        String logsOfAAndC = a.stdout() + c.stdout();
        assertThat(logsOfAAndC.lines().filter(line -> line.contains("Taking over token#")).count())
                .as("claims of b taken over").isEqualTo(CONCURRENCY);
        long lines = assertQuietLog(a, aBefore, LOG_BOUND) + assertQuietLog(c, cBefore, LOG_BOUND);
        ScenarioFigures.write("Shared ledger, one of three instances killed", TASKS,
                "3 runtimes (3 slots each) on one queue and one PostgreSQL ledger; SIGKILL to one with 3 tasks in "
                + "the backend (lease 6 s, visibility 8 s)", "1 (3 cut off by the kill: 2)", 0, lines, 2 * LOG_BOUND);
    }
}
