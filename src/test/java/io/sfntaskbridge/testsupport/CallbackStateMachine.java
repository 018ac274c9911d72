package io.sfntaskbridge.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The smallest workflow that makes real task tokens: one Task state that puts {@code {"taskToken", "input"}} on a
 * queue with {@code sqs:sendMessage.waitForTaskToken} and waits for the answer. Each execution is one task.
 *
 * @param queueUrl        where the tasks arrive
 * @param stateMachineArn the workflow
 */
public record CallbackStateMachine(String queueUrl, String stateMachineArn) {

    private static final String DEFINITION = """
            {"StartAt": "Work", "States": {"Work": {
              "Type": "Task",
              "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters": {"QueueUrl": "%s", "MessageBody": {"taskToken.$": "$$.Task.Token", "input.$": "$"}},
              "End": true}}}""";

    /** Creates a queue and a state machine that sends to it, both under a fresh name starting with {@code prefix}. */
    public static CallbackStateMachine create(SqsClient sqs, SfnClient sfn, String prefix) {
        String name = LocalStack.uniqueName(prefix);
        String queueUrl = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        String arn = sfn.createStateMachine(r -> r.name(name).roleArn(TestWorkflows.ROLE_ARN)
                .definition(DEFINITION.formatted(queueUrl))).stateMachineArn();
        return new CallbackStateMachine(queueUrl, arn);
    }

    /**
     * Starts {@code count} executions, {@code parallelism} at a time, execution {@code i} with input {@code input(i)}.
     */
    public void start(SfnClient sfn, int count, int parallelism, IntFunction<String> input) throws Exception {
        ExecutorService starters = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<?>> started = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String executionInput = input.apply(i);
                started.add(starters.submit(() -> sfn.startExecution(r -> r.stateMachineArn(stateMachineArn)
                        .input(executionInput))));
            }
            for (Future<?> execution : started) {
                execution.get();
            }
        } finally {
            starters.shutdownNow();
        }
    }
}
