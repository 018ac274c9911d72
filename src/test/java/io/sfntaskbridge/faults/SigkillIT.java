package io.sfntaskbridge.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.sfntaskbridge.testsupport.InjectedFaults;
import io.sfntaskbridge.testsupport.RuntimeProcess;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGKILL with 4 tasks in the backend: no drain, no hand-back. The restarted runtime (same directory, so the same H2
 * ledger) gets the messages back once their visibility (8 s) runs out, finds the claims' leases (6 s) expired, takes
 * them over and answers each with its own, second backend call. A task killed after its answer but before its ledger
 * close was written is not worked again.
 */
class SigkillIT extends FaultScenario {

    private static final int TASKS = 4;
    private static final long LOG_BOUND = 2L * TASKS + 8;

    @Test
    void killedRuntimeTasksAreTakenOverAfterRestart() throws Exception {
        RuntimeProcess runtime = startRuntime("kill", Map.of("BRIDGE_LEDGER_LEASE_SECONDS", "6",
                "BRIDGE_WORKER_VISIBILITY_TIMEOUT_SECONDS", "8"));
        List<String> ids = taskIds("kill", TASKS);
        List<String> arns = startTasks("kill", TASKS, 10_000);
        await().atMost(Duration.ofSeconds(30)).until(() -> backend.inFlight() == TASKS);

        long killedAt = System.nanoTime();
        runtime.signal("KILL");
        assertThat(runtime.waitForExit(10)).as("exit code of a SIGKILL").isEqualTo(137);
        assertThat(backend.totalCalls()).as("calls before the restart").isEqualTo(TASKS);

        runtime.restart();
        awaitStarted(runtime);
        long restartedAt = runtime.logLines();
        List<DescribeExecutionResponse> executions = awaitEnded(arns, Duration.ofMinutes(2));
        long recoveredMillis = (System.nanoTime() - killedAt) / 1_000_000;
        assertRedoneOnceByTakeOver(executions, ids, runtime);
        assertQueuesEmpty(Duration.ofSeconds(30));
        // Per task "Taking over" and "Task outcome"; a message back before its lease ended adds one
        // "Duplicate delivery" line (at most one per task), and a few lines of slack.
        long lines = assertQuietLog(runtime, restartedAt, LOG_BOUND);
        ScenarioFigures.write("SIGKILL with tasks in flight", TASKS,
                "SIGKILL while 4 tasks of 10 s run (lease 6 s, visibility 8 s); restart; all answered "
                + recoveredMillis + " ms after the kill", "2 (4 cut off by the kill: 2)", 0, lines, LOG_BOUND);
    }

    @Test
    void aTaskAnsweredJustBeforeTheKillIsNotWorkedAgain() throws Exception {
        // the JVM halts the moment SendTaskSuccess succeeded: the ledger still holds the claim, not the close
        RuntimeProcess runtime = startRuntime("answered", Map.of("BRIDGE_LEDGER_LEASE_SECONDS", "4",
                "BRIDGE_WORKER_VISIBILITY_TIMEOUT_SECONDS", "6", InjectedFaults.HALT_AFTER, "SendTaskSuccess"));
        List<String> ids = taskIds("answered", 1);
        List<DescribeExecutionResponse> executions = awaitEnded(startTasks("answered", 1, 0), Duration.ofSeconds(60));
        assertThat(runtime.waitForExit(10)).as("exit code of the halt").isEqualTo(137);
        assertAllAnswered(executions, ids);

        runtime.env(InjectedFaults.HALT_AFTER, "");
        runtime.restart();
        awaitStarted(runtime);
        long restartedAt = runtime.logLines();
        runtime.awaitLine("Repeated delivery of token#\\S+: answered by an instance that stopped before it recorded"
                          + " that; deleting the message", Duration.ofSeconds(60));
        assertQueuesEmpty(Duration.ofSeconds(30));
        assertCalledOncePerToken(ids);
        assertThat(runtime.stdout()).doesNotContain("Taking over");
        long lines = assertQuietLog(runtime, restartedAt, 4);
        ScenarioFigures.write("SIGKILL between an answer and its ledger close", 1,
                "JVM halted the moment SendTaskSuccess succeeded (close not yet written); restart", "1", 0, lines, 4);
    }
}
