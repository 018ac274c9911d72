package io.sfntaskbridge.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;

/**
 * Notes the moment each SendTaskSuccess returned, for both workers alike, at the same point: the SDK call. Registered
 * as an SDK global interceptor from the test classpath ({@code software/amazon/awssdk/global/handlers/}), so it sees
 * our runtime's own SfnClient without any change to it; it does nothing unless a benchmark run is recording.
 * <p>
 * It also counts every AWS API call made in this JVM, by {@code Service.Operation} (one per SDK call, whether it
 * succeeded or failed, retries not included) and every HTTP attempt (retries included), for the CPU/calls benchmark
 * ({@link CpuBenchmark}), where each worker runs in its own JVM, and the messages deleted, batch entries included.
 */
public final class AnswerInterceptor implements ExecutionInterceptor {

    private static volatile AnswerLog recording;
    private static final Map<String, LongAdder> CALLS = new ConcurrentHashMap<>();
    private static final LongAdder ATTEMPTS = new LongAdder();
    private static final LongAdder MESSAGES_DELETED = new LongAdder();
    private static final AtomicLong LAST_SUCCESS_NANOS = new AtomicLong();

    static void record(AnswerLog answers) {
        recording = answers;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        ATTEMPTS.increment();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        count(attributes, "");
        if (context.request() instanceof DeleteMessageRequest) {
            MESSAGES_DELETED.increment();
        } else if (context.request() instanceof DeleteMessageBatchRequest batch) {
            MESSAGES_DELETED.add(batch.entries().size() - ((DeleteMessageBatchResponse) context.response()).failed().size());
        }
        if (context.request() instanceof SendTaskSuccessRequest success) {
            LAST_SUCCESS_NANOS.set(System.nanoTime());
            AnswerLog answers = recording;
            if (answers != null) {
                answers.answeredToken(success.taskToken());
            }
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        count(attributes, " (failed)");
    }

    private static void count(ExecutionAttributes attributes, String suffix) {
        String name = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                      + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + suffix;
        CALLS.computeIfAbsent(name, n -> new LongAdder()).increment();
    }

    /** Calls so far by {@code Service.Operation} (failed ones apart), sorted by name. */
    static Map<String, Long> calls() {
        Map<String, Long> calls = new TreeMap<>();
        CALLS.forEach((name, count) -> calls.put(name, count.sum()));
        return calls;
    }

    static long calls(String name) {
        LongAdder count = CALLS.get(name);
        return count == null ? 0 : count.sum();
    }

    /** Messages deleted so far, by DeleteMessage or as entries of a DeleteMessageBatch. */
    static long messagesDeleted() {
        return MESSAGES_DELETED.sum();
    }

    static long attempts() {
        return ATTEMPTS.sum();
    }

    /** System.nanoTime of the last successful SendTaskSuccess (CLOCK_MONOTONIC: comparable across JVMs here). */
    static long lastSuccessNanos() {
        return LAST_SUCCESS_NANOS.get();
    }
}
