package io.sfntaskbridge.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.sfntaskbridge.testsupport.LocalStack;
import io.sfntaskbridge.testsupport.RuntimeProcess;
import io.sfntaskbridge.testsupport.TaskWorkflow;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One task token delivered more than once while its work runs: the ledger lets one delivery do the work, the others
 * go back to the queue until the claim's lease ends and are then deleted as closed. The backend is called once and the
 * task answered once, whether the duplicate is a second copy of the envelope or SQS redelivering the same message
 * because its visibility ran out before the task ended.
 */
class DuplicateDeliveryIT extends FaultScenario {

    private static final long LOG_BOUND = 6;

    @Test
    void sameEnvelopeDeliveredTwiceAtOnce() throws Exception {
        // A second workflow whose queue no runtime reads: its envelope, with a real token, is copied by hand.
        TaskWorkflow source = TaskWorkflow.create("DuplicateSource", heartbeatSeconds(), taskTimeoutSeconds(), 5);
        String arn = LocalStack.sfn().startExecution(r -> r.stateMachineArn(source.stateMachineArn())
                .input("{\"taskId\": \"twice-0\", \"sleepMs\": 5000}")).executionArn();
        List<Message> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            received.addAll(LocalStack.sqs().receiveMessage(r -> r.queueUrl(source.queueUrl()).waitTimeSeconds(1)
                    .visibilityTimeout(600)).messages());
            return !received.isEmpty();
        });
        Message envelope = received.get(0);
        LocalStack.sqs().deleteMessage(r -> r.queueUrl(source.queueUrl()).receiptHandle(envelope.receiptHandle()));

        RuntimeProcess runtime = startRuntime("twice", Map.of("BRIDGE_LEDGER_LEASE_SECONDS", "6"));
        long before = runtime.logLines();
        LocalStack.sqs().sendMessageBatch(r -> r.queueUrl(workflow.queueUrl()).entries(
                e -> e.id("first").messageBody(envelope.body()), e -> e.id("second").messageBody(envelope.body())));

        assertAllAnswered(awaitEnded(List.of(arn), Duration.ofSeconds(60)), List.of("twice-0"));
        assertCalledOncePerToken(List.of("twice-0"));
        // the duplicate is hidden until the first claim's lease (6 s) ends + 2 s, then deleted as closed
        assertQueuesEmpty(Duration.ofSeconds(40));
        assertThat(count(runtime, "Duplicate delivery of token#")).as("deliveries held off").isEqualTo(1);
        assertThat(count(runtime, "it is already answered; deleting the message")).as("closed").isEqualTo(1);
        assertAnsweredOnce(runtime);
        // "Task outcome", "Duplicate delivery", "Repeated delivery ... deleting", and slack
        long lines = assertQuietLog(runtime, before, LOG_BOUND);
        ScenarioFigures.write("Same envelope delivered twice at once", 1,
                "one task's envelope sent twice in one batch (lease 6 s)", "1", 0, lines, LOG_BOUND);
    }

    @Test
    void visibilityShorterThanTheTask() throws Exception {
        RuntimeProcess runtime = startRuntime("redelivered", Map.of("BRIDGE_WORKER_KEEP_ALIVE_ENABLED", "false",
                "BRIDGE_WORKER_VISIBILITY_TIMEOUT_SECONDS", "2"));
        long before = runtime.logLines();
        List<String> ids = taskIds("redelivered", 1);
        List<String> arns = startTasks("redelivered", 1, 7000);

        assertAllAnswered(awaitEnded(arns, Duration.ofSeconds(60)), ids);
        assertCalledOncePerToken(ids);
        assertThat(count(runtime, "Duplicate delivery of token#")).as("SQS redelivered it while the work ran")
                .isEqualTo(1);
        // The redelivery is hidden until the lease (30 s) ends + 2 s; the answer's delete may use the first receipt,
        // which SQS may refuse once it redelivered the message: then the redelivery comes back and is deleted as closed.
        assertQueuesEmpty(Duration.ofSeconds(60));
        assertAnsweredOnce(runtime);
        long lines = assertQuietLog(runtime, before, LOG_BOUND);
        ScenarioFigures.write("Visibility shorter than the task", 1,
                "keep-alive off, visibility 2 s, task 7 s: SQS redelivers while it runs", "1", 0, lines, LOG_BOUND);
    }

    private static void assertAnsweredOnce(RuntimeProcess runtime) {
        assertThat(count(runtime, "Task outcome: SUCCEEDED")).as("answers sent").isEqualTo(1);
        assertThat(count(runtime, "answer again")).as("stored answers sent again").isZero();
    }

    private static long count(RuntimeProcess runtime, String text) {
        return runtime.stdout().lines().filter(line -> line.contains(text)).count();
    }
}
