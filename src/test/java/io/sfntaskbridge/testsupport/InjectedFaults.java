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
 * them; it does nothing until a test arms it (or {@link #HALT_AFTER} is set).
 */
public final class InjectedFaults implements ExecutionInterceptor {

    private static final Map<String, AtomicInteger> FAILURES_LEFT = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    /**
     * Set in a runtime's environment, an operation (e.g. "SendTaskSuccess"): the JVM halts, as on SIGKILL, the moment
     * the first call of it succeeded, before the runtime sees the response.
     */
    public static final String HALT_AFTER = "BRIDGE_TEST_HALT_AFTER";
    private static final String HALT_AFTER_OPERATION = System.getenv().getOrDefault(HALT_AFTER, "");

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

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (HALT_AFTER_OPERATION.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            Runtime.getRuntime().halt(137);
        }
    }
}
