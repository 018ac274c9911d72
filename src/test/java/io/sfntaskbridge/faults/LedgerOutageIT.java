package io.sfntaskbridge.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.sfntaskbridge.testsupport.FaultProxy;
import io.sfntaskbridge.testsupport.LocalStack;
import io.sfntaskbridge.testsupport.RuntimeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The task ledger's PostgreSQL unreachable for 15 s while tasks arrive: no backend call is made without a claim, the
 * messages go back to the queue, the outage is logged once, and when the database is back every task is worked and
 * answered once.
 */
class LedgerOutageIT extends FaultScenario {

    private static final int TASKS = 4;
    // "Task ledger failing" and "... works again" (2), per task one "Task outcome" (4), and slack for a lease renewal or
    // readiness-related line (4)
    private static final long LOG_BOUND = 10;

    private final String table = "ledger_outage_" + UUID.randomUUID().toString().substring(0, 8);
    private FaultProxy postgres;

    @AfterEach
    void dropTableAndProxy() throws Exception {
        runtimes.forEach(RuntimeProcess::destroy);
        if (postgres != null) {
            postgres.delete();
        }
        dropLedgerTables(table);
    }

    @Test
    void noWorkWithoutAClaimAndAllAnsweredOnceWhenTheLedgerIsBack() throws Exception {
        runThroughAnOutage(Map.of(), "Task ledger failing", "Task ledger works again",
                "Ledger database unreachable for 15 s");
    }

    /** With a global cap the slots live in the same database: no slot, no receive, and the same end. */
    @Test
    void withAGlobalCapNoTaskIsEvenReceivedWhileTheSlotStoreIsAway() throws Exception {
        runThroughAnOutage(Map.of("BRIDGE_WORKER_GLOBAL_CONCURRENCY", "3"), "Concurrency slots of task-worker"
                + " (globalConcurrency) failing", "Concurrency slots of task-worker (globalConcurrency) works again",
                "Slot store (global cap) unreachable for 15 s");
    }

    private void runThroughAnOutage(Map<String, String> settings, String failing, String recovered, String scenario)
            throws Exception {
        postgres = TOXIPROXY.createProxy(LocalStack.uniqueName("ledger-outage-pg"), postgresHostPort());
        Map<String, String> env = new java.util.HashMap<>(settings);
        env.put("BRIDGE_LEDGER_URL", POSTGRES.replace(postgresHostPort(), "127.0.0.1:" + postgres.listenPort()));
        env.put("BRIDGE_LEDGER_TABLE", table);
        env.put("BRIDGE_WORKER_RETRY_DELAY_SECONDS", "2");
        RuntimeProcess runtime = startRuntime("ledger-outage", env);
        long before = runtime.logLines();
        postgres.disable();
        List<String> ids = taskIds("ledger-outage", TASKS);
        List<String> arns = startTasks("ledger-outage", TASKS, 500);

        Thread.sleep(15_000);
        assertThat(backend.totalCalls()).as("backend calls while the ledger is unreachable").isZero();
        assertThat(runtime.stdout()).contains(failing);
        postgres.enable();

        assertAllAnswered(awaitEnded(arns, Duration.ofMinutes(2)), ids);
        assertCalledOncePerToken(ids);
        assertQueuesEmpty(Duration.ofSeconds(30));
        assertThat(runtime.stdout()).contains(recovered);
        long lines = assertQuietLog(runtime, before, LOG_BOUND);
        ScenarioFigures.write(scenario, TASKS, "PostgreSQL connections refused 15 s while the tasks arrive", "1", 0,
                lines, LOG_BOUND);
    }
}
