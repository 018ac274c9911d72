package io.sfntaskbridge.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.testsupport.LocalStack;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Messages the worker cannot use: unanswerable ones go to the DLQ, answerable ones get Bridge.InvalidInput. */
class BadEnvelopeIT extends WorkflowITSupport {

    @Override
    protected int maxReceiveCount() {
        return 2;
    }

    @Override
    protected Map<String, String> settings() {
        // A visibility far longer than the test: a message can only reach the DLQ by the worker moving it there on its
        // first receive, not by SQS's redrive after maxReceiveCount receives.
        return Map.of("bridge.worker.visibility-timeout-seconds", "300");
    }

    @Test
    void messagesWithoutJsonOrTokenReachTheDeadLetterQueueOnTheirFirstReceiveWithTheReason() throws Exception {
        String queueUrl = workflow().workQueueUrl();
        List<String> junk = List.of("this is not JSON", "{\"input\": {\"orderId\": \"no-token\"}}",
                "{\"taskToken\": \"" + "t".repeat(5000) + "\", \"input\": {}}");
        junk.forEach(body -> LocalStack.sqs().sendMessage(r -> r.queueUrl(queueUrl).messageBody(body)));

        String dlq = deadLetterQueueUrl();
        List<Message> parked = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            parked.addAll(LocalStack.sqs().receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages());
            return parked.size() >= junk.size();
        });
        assertThat(parked).map(Message::body).containsExactlyInAnyOrderElementsOf(junk);
        assertThat(parked).map(message -> message.messageAttributes().get("SfnTaskBridgeRejectReason").stringValue())
                .anySatisfy(reason -> assertThat(reason).startsWith("message body is not JSON"))
                .anySatisfy(reason -> assertThat(reason).contains("no \"taskToken\" string field"))
                .anySatisfy(reason -> assertThat(reason).contains("must be 1 to 2048 characters"))
                .allSatisfy(reason -> assertThat(reason).doesNotContain("ttttt"));
        assertThat(approximateMessages(queueUrl)).as("deleted from the work queue").isZero();
        assertThat(answers(SfnTaskOutcome.FAILED)).as("nobody to answer").isZero();

        // The worker is still consuming: a real task afterwards is answered.
        assertThat(context.getRouteController().getRouteStatus("task-worker")).isEqualTo(ServiceStatus.Started);
        DescribeExecutionResponse execution = awaitEnd(startExecution(List.of(order("after-junk", "C-001", line("SKU-01", 1)))),
                Duration.ofMinutes(1));
        assertThat(results(execution).get(0)).containsEntry("status", "ENRICHED");
    }

    @Test
    void orderThatFailsValidationIsAnsweredWithInvalidInput() throws Exception {
        Map<String, Object> withoutId = new HashMap<>(order("no-id", "C-001", line("SKU-01", 1)));
        withoutId.put("orderId", null);
        DescribeExecutionResponse execution = awaitEnd(startExecution(List.of(withoutId)), Duration.ofMinutes(1));

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(results(execution).get(0))
                .containsEntry("status", "FAILED")
                .containsEntry("error", "Bridge.InvalidInput");
    }

    @Test
    void envelopeWhoseInputIsNotAnObjectIsAnsweredWithInvalidInput() {
        String name = LocalStack.uniqueName("bad-input");
        String definition = """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task",
                  "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                  "Parameters": {"QueueUrl": "%s",
                                 "MessageBody": {"taskToken.$": "$$.Task.Token", "input": "just a string"}},
                  "TimeoutSeconds": 60, "End": true}}}""".formatted(workflow().workQueueUrl());
        String stateMachine = LocalStack.sfn().createStateMachine(r -> r.name(name).definition(definition)
                .roleArn("arn:aws:iam::000000000000:role/it")).stateMachineArn();

        String executionArn = LocalStack.sfn().startExecution(r -> r.stateMachineArn(stateMachine).input("{}"))
                .executionArn();
        DescribeExecutionResponse execution = awaitEnd(executionArn, Duration.ofMinutes(1));

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("Bridge.InvalidInput");
        assertThat(execution.cause()).contains("\"input\" must be a JSON object");
    }
}
