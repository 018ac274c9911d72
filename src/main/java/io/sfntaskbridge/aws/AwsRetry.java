package io.sfntaskbridge.aws;

import io.sfntaskbridge.task.TaskEvents;
import io.sfntaskbridge.task.FaultLog;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Retries an AWS call that failed for a reason that may pass (the network, a 5xx, throttling) inside the exchange,
 * waiting exponentially longer each time with some jitter, for a bounded number of attempts; then the last failure is
 * thrown. Errors that say something about the request itself (a closed task, a bad receipt handle) are never retried.
 * Each failure and the recovery go to a {@link FaultLog}, so an outage logs one line per kind of call, not one per try.
 * <p>
 * With {@code attempts} a and delays d doubling up to m, the calls give up after about the sum of the waits, e.g.
 * 6 attempts from 500 ms up to 5 s: 0.5 + 1 + 2 + 4 + 5 = 12.5 s plus the calls' own time.
 */
public final class AwsRetry {

    private final RetryConfig config;
    private final FaultLog faults;
    private final TaskEvents events;
    private final Map<String, Retry> retries = new ConcurrentHashMap<>();

    public AwsRetry(int attempts, Duration initialDelay, Duration maxDelay, FaultLog faults) {
        this(attempts, initialDelay, maxDelay, faults, TaskEvents.NONE);
    }

    /** As above; throttled calls that are tried again are told to {@code events}. */
    public AwsRetry(int attempts, Duration initialDelay, Duration maxDelay, FaultLog faults, TaskEvents events) {
        if (attempts < 1) {
            throw new IllegalArgumentException("retry attempts must be at least 1, was " + attempts);
        }
        this.config = RetryConfig.custom()
                .maxAttempts(attempts)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(initialDelay.toMillis(), 2.0, 0.2,
                        Math.max(initialDelay.toMillis(), maxDelay.toMillis())))
                .retryOnException(AwsRetry::isTransient)
                .failAfterMaxAttempts(false)
                .build();
        this.faults = faults;
        this.events = events;
    }

    /** Calls {@code call}, retried as described; {@code kind} names the call in the log, e.g. "SendTaskSuccess". */
    public <T> T call(String kind, Supplier<T> call) {
        T result;
        try {
            result = retries.computeIfAbsent(kind, this::newRetry).executeSupplier(call);
        } catch (AwsServiceException refused) {
            if (!isTransient(refused)) {
                // The service answered (a closed task, a bad receipt): it is reachable again.
                faults.succeeded(kind);
            }
            throw refused;
        }
        faults.succeeded(kind);
        return result;
    }

    private Retry newRetry(String kind) {
        Retry retry = Retry.of(kind, config);
        retry.getEventPublisher().onRetry(event -> {
            faults.failed(kind, event.getLastThrowable());
            if (event.getLastThrowable() instanceof AwsServiceException service && service.isThrottlingException()) {
                events.throttledRetry(kind);
            }
        });
        return retry;
    }

    public void run(String kind, Runnable call) {
        call(kind, () -> {
            call.run();
            return null;
        });
    }

    /** Whether waiting may help: network trouble, throttling or a server-side error. */
    public static boolean isTransient(Throwable error) {
        if (error instanceof SdkClientException) {
            return true;
        }
        return error instanceof AwsServiceException service
               && (service.isThrottlingException() || service.statusCode() >= 500);
    }
}
