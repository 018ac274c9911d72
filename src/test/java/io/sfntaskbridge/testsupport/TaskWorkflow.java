package io.sfntaskbridge.testsupport;

import java.util.Map;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A test's own callback workflow: a work queue with its DLQ (redrive after {@code maxReceiveCount} receives) and a state
 * machine whose one Task state sends {@code {"taskToken", "input", "heartbeatSeconds"}} to the queue with
 * {@code sqs:sendMessage.waitForTaskToken} and waits, with {@code HeartbeatSeconds} and {@code TimeoutSeconds}. Each
 * execution is one task; its input is the task's input.
 */
public record TaskWorkflow(String queueName, String queueUrl, String dlqName, String dlqUrl, String stateMachineArn) {

    private static final String DEFINITION = """
            {"StartAt": "Work", "States": {"Work": {
              "Type": "Task",
              "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters": {"QueueUrl": "%s",
                             "MessageBody": {"taskToken.$": "$$.Task.Token", "input.$": "$", "heartbeatSeconds": %d}},
              "HeartbeatSeconds": %d,
              "TimeoutSeconds": %d,
              "End": true}}}""";

    public static TaskWorkflow create(String prefix, int heartbeatSeconds, int timeoutSeconds, int maxReceiveCount) {
        SqsClient sqs = LocalStack.sqs();
        SfnClient sfn = LocalStack.sfn();
        String name = LocalStack.uniqueName(prefix);
        String dlqName = name + "-dlq";
        String dlqUrl = sqs.createQueue(r -> r.queueName(dlqName)).queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String queueUrl = sqs.createQueue(r -> r.queueName(name).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}")))
                .queueUrl();
        String arn = sfn.createStateMachine(r -> r.name(name).roleArn(TestWorkflows.ROLE_ARN)
                .definition(DEFINITION.formatted(queueUrl, heartbeatSeconds, heartbeatSeconds, timeoutSeconds)))
                .stateMachineArn();
        return new TaskWorkflow(name, queueUrl, dlqName, dlqUrl, arn);
    }

    /** Visible plus in-flight messages on a queue, as SQS approximates them. */
    public static int messagesOn(String queueUrl) {
        Map<QueueAttributeName, String> attributes = LocalStack.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }
}
