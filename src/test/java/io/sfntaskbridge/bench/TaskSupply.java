package io.sfntaskbridge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.sfntaskbridge.testsupport.CallbackStateMachine;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Makes tasks with real task tokens ahead of a measurement: starts executions of a callback state machine whose task
 * lands on a staging queue, and collects those envelopes. The benchmark then puts them on the work queue itself, so
 * it controls the enqueue time and StartExecution's speed on the emulator does not shape the figures.
 */
final class TaskSupply {

    private final SqsClient sqs;
    private final SfnClient sfn;
    private final CallbackStateMachine staging;
    private final AtomicInteger nextId = new AtomicInteger();

    TaskSupply(SqsClient sqs, SfnClient sfn) {
        this.sqs = sqs;
        this.sfn = sfn;
        this.staging = CallbackStateMachine.create(sqs, sfn, "bench-staging");
    }

    /** {@code count} envelopes, each {@code {"taskToken": ..., "input": {"id": ..., "orderId": ...}}}. */
    List<BenchTask> take(int count) throws Exception {
        int first = nextId.getAndAdd(count);
        staging.start(sfn, count, 8, i -> "{\"id\": \"t" + (first + i) + "\", \"orderId\": \"o" + (first + i) + "\"}");
        List<BenchTask> tasks = new ArrayList<>(count);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (tasks.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + tasks.size() + " of " + count + " tasks reached the staging queue");
            }
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(staging.queueUrl()).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            for (Message message : messages) {
                tasks.add(BenchTask.of(message.body()));
            }
            if (!messages.isEmpty()) {
                sqs.deleteMessageBatch(r -> r.queueUrl(staging.queueUrl()).entries(messages.stream()
                        .map(m -> software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry.builder()
                                .id(m.messageId()).receiptHandle(m.receiptHandle()).build()).toList()));
            }
        }
        return tasks;
    }
}
