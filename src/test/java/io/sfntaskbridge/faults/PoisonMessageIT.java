package io.sfntaskbridge.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.sfntaskbridge.testsupport.LocalStack;
import io.sfntaskbridge.testsupport.RuntimeProcess;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Poison messages next to a real task: a body that is not JSON and an envelope whose token is 5000 characters long go
 * to the DLQ on their first receive, with the reason as message attribute and one WARN line each that quotes neither
 * the body nor the token; the real task is answered as usual.
 */
class PoisonMessageIT extends FaultScenario {

    private static final String NOT_JSON = "not json at all";
    private static final String LONG_TOKEN = "P0isonToken-".repeat(417).substring(0, 5000);
    // one WARN per poison message, one "Task outcome", and slack
    private static final long LOG_BOUND = 6;

    @Test
    void poisonMessagesGoToTheDlqWithTheirReasonAndTheRealTaskIsAnswered() throws Exception {
        RuntimeProcess runtime = startRuntime("poison", Map.of());
        long before = runtime.logLines();
        List<String> bodies = List.of(NOT_JSON,
                "{\"taskToken\": \"" + LONG_TOKEN + "\", \"input\": {\"taskId\": \"poison-x\"}, \"heartbeatSeconds\": 120}");
        long start = System.nanoTime();
        bodies.forEach(body -> LocalStack.sqs().sendMessage(r -> r.queueUrl(workflow.queueUrl()).messageBody(body)));
        List<String> ids = taskIds("poison", 1);
        List<String> arns = startTasks("poison", 1, 100);

        List<Message> parked = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            parked.addAll(LocalStack.sqs().receiveMessage(r -> r.queueUrl(workflow.dlqUrl()).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).visibilityTimeout(60).messageAttributeNames("All")).messages());
            return parked.size() >= bodies.size();
        });
        long parkedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(parked).map(Message::body).containsExactlyInAnyOrderElementsOf(bodies);
        assertThat(parked).map(message -> message.messageAttributes().get("SfnTaskBridgeRejectReason").stringValue())
                .anySatisfy(reason -> assertThat(reason).startsWith("message body is not JSON"))
                .anySatisfy(reason -> assertThat(reason).contains("2048"))
                .allSatisfy(reason -> assertThat(reason).doesNotContain("P0ison").doesNotContain(NOT_JSON));

        assertAllAnswered(awaitEnded(arns, Duration.ofSeconds(60)), ids);
        assertCalledOncePerToken(ids);
        parked.forEach(message -> LocalStack.sqs().deleteMessage(r -> r.queueUrl(workflow.dlqUrl())
                .receiptHandle(message.receiptHandle())));
        assertQueuesEmpty(Duration.ofSeconds(30));

        List<String> log = runtime.stdout().lines().skip(before).toList();
        assertThat(log).filteredOn(line -> line.matches("^\\S+ WARN .*")).as("WARN lines").hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("Unanswerable SQS message"));
        assertThat(runtime.stdout()).as("log").doesNotContain(NOT_JSON).doesNotContain("P0isonToken-P0ison");
        assertThat(runtime.stderr()).as("stderr").doesNotContain(NOT_JSON).doesNotContain("P0isonToken-P0ison");
        long lines = assertQuietLog(runtime, before, LOG_BOUND);
        ScenarioFigures.write("Poison messages next to a real task", 1,
                "a non-JSON body and a 5000-character token sent to the work queue; both in the DLQ after "
                + parkedMillis + " ms", "1", 0, lines, LOG_BOUND);
    }
}
