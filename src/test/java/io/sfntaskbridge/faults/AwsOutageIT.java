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
 * AWS refused for 15 s mid-run (SQS and Step Functions both cut, 4 tasks in the backend): the answers ride it out on
 * their retries or on the stored answer, receiving backs off, and the log says so in a few lines.
 */
class AwsOutageIT extends FaultScenario {

    private static final int TASKS = 8;
    private static final long LOG_BOUND = 40;

    @Test
    void awsRefusedForFifteenSecondsMidRun() throws Exception {
        RuntimeProcess runtime = startRuntime("outage", Map.of());
        List<String> ids = taskIds("outage", TASKS);
        List<String> arns = startTasks("outage", TASKS, 4000);
        await().atMost(Duration.ofSeconds(30)).until(() -> backend.inFlight() == 4);

        long before = runtime.logLines();
        sqs.disable();
        sfn.disable();
        Thread.sleep(15_000);
        sqs.enable();
        sfn.enable();

        List<DescribeExecutionResponse> executions = awaitEnded(arns, Duration.ofMinutes(2));
        assertAllAnswered(executions, ids);
        assertCalledOncePerToken(ids);
        assertQueuesEmpty(Duration.ofSeconds(60));
        long lines = assertQuietLog(runtime, before, LOG_BOUND);
        assertThat(runtime.stdout()).contains("SendTaskSuccess failing").contains("SendTaskSuccess works again");

        // And while idle: receiving fails, is reported once, backs off, and recovers by itself.
        long idleBefore = runtime.logLines();
        sqs.disable();
        Thread.sleep(8_000);
        sqs.enable();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> runtime.stdout().contains("SQS ReceiveMessage for task-worker works again"));
        assertThat(runtime.stdout()).contains("SQS ReceiveMessage for task-worker failing");
        lines += assertQuietLog(runtime, idleBefore, 4);
        ScenarioFigures.write("AWS refused for 15 s mid-run", TASKS, "SQS and Step Functions connections refused 15 s",
                "1", 0, lines, LOG_BOUND);
    }
}
