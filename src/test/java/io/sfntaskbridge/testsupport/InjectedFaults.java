package io.sfntaskbridge.testsupport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Makes chosen AWS calls of this JVM fail before they leave the process, as a network outage would, and counts every
 * call by operation. Registered as an SDK global interceptor from the test classpath
 * ({@code software/amazon/awssdk/global/handlers/}), so it acts on the runtime's own clients without any change to
 * them; it does nothing until a test arms it.
 */
public final class InjectedFaults implements ExecutionInterceptor {

    private static final Map<String, AtomicInteger> FAILURES_LEFT = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    /** The next {@code count} attempts of {@code operation} (e.g. "SendTaskSuccess") fail. */
    public static void failNext(String operation, int count) {
        FAILURES_LEFT.put(operation, new AtomicInteger(count));
    }

    /** Attempts of {@code operation} so far, failed ones included. */
    public static int calls(String operation) {
        AtomicInteger count = CALLS.get(operation);
        return count == null ? 0 : count.get();
    }

    public static void reset() {
        FAILURES_LEFT.clear();
        CALLS.clear();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        CALLS.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
        AtomicInteger left = FAILURES_LEFT.get(operation);
        if (left != null && left.getAndDecrement() > 0) {
            throw SdkClientException.create("injected: connection reset while calling " + operation);
        }
    }
}
