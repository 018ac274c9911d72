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
 * Answers failing after the backend succeeded: Step Functions is unreachable (its proxy disabled) for 25 s from the
 * moment 4 tasks are in the backend. The work completes, its answer is stored in the ledger, SendTaskSuccess fails
 * for longer than its retry budget (6 attempts, about 12.5 s), and the message is handed back. What must hold: the
 * backend is never called again; a later delivery sends the stored answer, so every execution SUCCEEDED with its
 * backend reply; the queues drain; the runtime stays up and says so in a few lines.
 */
class AnswerFailsAfterWorkIT extends FaultScenario {

    private static final int TASKS = 4;
    // Per task at most: its stored answer sent again (1) or answered after all (1). Per kind of failing call, one WARN
    // and one INFO on recovery, in each place that counts it: SendTaskSuccess in the success producer and in the
    // claim step's resend, SendTaskHeartbeat in the keep-alive (4 kinds x 2 = 8). 2 x 4 + 8 = 16, plus 4 for a
    // duplicate-delivery line a redelivery may log while another delivery of the same token still holds it.
    private static final long LOG_BOUND = 2 * TASKS + 8 + 4;

    @Test
    void answersFailLongerThanTheirRetriesAfterTheWorkIsDone() throws Exception {
        RuntimeProcess runtime = startRuntime("answerfails", Map.of());
        List<String> ids = taskIds("answerfails", TASKS);
        List<String> arns = startTasks("answerfails", TASKS, 3000);
        await().atMost(Duration.ofSeconds(30)).until(() -> backend.inFlight() == TASKS);

        long before = runtime.logLines();
        long started = System.nanoTime();
        sfn.disable();
        await().atMost(Duration.ofSeconds(20)).until(() -> runtime.stdout().contains("SendTaskSuccess failing"));
        Thread.sleep(Math.max(0, 25_000 - Duration.ofNanos(System.nanoTime() - started).toMillis()));
        assertThat(backend.totalCalls()).as("the work was done before the answers failed").isEqualTo(TASKS);
        sfn.enable();

        List<DescribeExecutionResponse> executions = awaitEnded(arns, Duration.ofMinutes(2));
        assertAllAnswered(executions, ids);
        assertCalledOncePerToken(ids);
        assertQueuesEmpty(Duration.ofSeconds(60));
        long lines = assertQuietLog(runtime, before, LOG_BOUND);
        List<String> log = runtime.stdout().lines().skip(before).toList();
        assertThat(log).as("the answers outlived their retries").anyMatch(l -> l.contains("SendTaskSuccess failing"));
        assertThat(log).as("a redelivery sent the stored answer instead of redoing the work")
                .anyMatch(l -> l.contains("sent its stored SUCCESS answer again"));
        long resent = log.stream().filter(l -> l.contains("sent its stored SUCCESS answer again")).count();
        ScenarioFigures.write("Answers failing after the work", TASKS,
                "Step Functions refused 25 s from the backend call on (longer than the answer's retries)",
                "1 (" + resent + " stored answers sent again)", 0, lines, LOG_BOUND);
    }
}
