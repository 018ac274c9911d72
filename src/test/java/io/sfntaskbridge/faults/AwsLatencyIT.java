package io.sfntaskbridge.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.sfntaskbridge.testsupport.RuntimeProcess;
import io.sfntaskbridge.testsupport.Toxiproxy;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * AWS slow for 20 s mid-run: every reply from SQS and from Step Functions arrives 3 s late (a latency toxic on the
 * downstream of both proxies) while 8 tasks run, 4 at a time, the first 4 in the backend when it starts. 3 s stays
 * well inside the runtime's 10 s API call timeout, so slowness alone must not look like a failure: every task is
 * answered once, the backend is called once per token, nothing is retried, handed back or logged as failing, the
 * queues drain and the runtime stays up.
 */
class AwsLatencyIT extends FaultScenario {

    private static final int TASKS = 8;
    private static final long LATENCY_MS = 3000;
    // One "Task outcome" line per task and nothing else: slowness is no fault. The margin of 4 is for lines a slow
    // call may legitimately cause (an in-flight report, a duplicate delivery of a message that was re-received while
    // its visibility extension was slow); a retry storm would log far more.
    private static final long LOG_BOUND = TASKS + 4;

    @Test
    void threeSecondsOfLatencyOnSqsAndStepFunctions() throws Exception {
        RuntimeProcess runtime = startRuntime("latency", Map.of());
        List<String> ids = taskIds("latency", TASKS);
        List<String> arns = startTasks("latency", TASKS, 3000);
        await().atMost(Duration.ofSeconds(30)).until(() -> backend.inFlight() == 4);

        long before = runtime.logLines();
        long started = System.nanoTime();
        String slowSqs = sqs.latency(Toxiproxy.Stream.DOWNSTREAM, LATENCY_MS, 0);
        String slowSfn = sfn.latency(Toxiproxy.Stream.DOWNSTREAM, LATENCY_MS, 0);
        Thread.sleep(20_000);
        sqs.removeToxic(slowSqs);
        sfn.removeToxic(slowSfn);

        List<DescribeExecutionResponse> executions = awaitEnded(arns, Duration.ofMinutes(2));
        long tookSeconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        assertAllAnswered(executions, ids);
        assertCalledOncePerToken(ids);
        assertQueuesEmpty(Duration.ofSeconds(60));
        long lines = assertQuietLog(runtime, before, LOG_BOUND);
        List<String> log = runtime.stdout().lines().skip(before).toList();
        assertThat(log).as("latency within the call timeout is no failure")
                .noneMatch(line -> line.contains("failing") || line.contains("WARN"));
        assertThat(log).filteredOn(line -> line.contains("Task outcome: SUCCEEDED")).hasSize(TASKS);
        assertThat(tookSeconds).as("all %d tasks ended within the latency window plus a little", TASKS)
                .isLessThan(60);
        ScenarioFigures.write("AWS slow for 20 s", TASKS, "3 s latency on SQS and Step Functions replies for 20 s",
                "1", 0, lines, LOG_BOUND);
    }
}
