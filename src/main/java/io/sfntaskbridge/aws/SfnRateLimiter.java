package io.sfntaskbridge.aws;

import java.time.Duration;
import java.util.Set;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.sfntaskbridge.task.TaskEvents;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Client-side rate limit on the Step Functions calls that AWS throttles hardest: every SendTaskSuccess, SendTaskFailure
 * and SendTaskHeartbeat shares one limit, StartExecution has its own (resilience4j rate limiters: up to {@code burst}
 * calls at once, then {@code perSecond}). As an interceptor of the one {@code SfnClient} it covers every caller (the
 * sfn-task workers and producers, heartbeats, aws2-step-functions) without any of them knowing. The permit is taken
 * before each transmission, so the SDK's retries of a throttled call are paced too.
 */
public final class SfnRateLimiter implements ExecutionInterceptor {

    static final Set<String> SEND_TASK_OPERATIONS = Set.of("SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat");
    static final String START_EXECUTION = "StartExecution";
    /** A call waits at most this long for its permit (the call's own timeout usually ends it first). */
    private static final Duration MAX_WAIT = Duration.ofMinutes(5);

    private final Limit sendTask;
    private final Limit startExecution;
    private volatile TaskEvents events = TaskEvents.NONE;

    /** One limit: {@code burst} permits every {@code burst / perSecond} seconds. */
    public record Limit(String name, double perSecond, int burst, RateLimiter limiter) {

        public static Limit of(String name, double perSecond, int burst) {
            if (perSecond <= 0 || burst < 1) {
                throw new IllegalArgumentException("a rate limit needs a positive rate and a burst of at least 1, got "
                                                   + perSecond + "/s burst " + burst);
            }
            RateLimiterConfig config = RateLimiterConfig.custom().limitForPeriod(burst)
                    .limitRefreshPeriod(Duration.ofNanos(Math.max(1, (long) (burst * 1e9 / perSecond))))
                    .timeoutDuration(MAX_WAIT).build();
            return new Limit(name, perSecond, burst, RateLimiter.of(name, config));
        }

        @Override
        public String toString() {
            return perSecond + "/s (burst " + burst + ")";
        }
    }

    public SfnRateLimiter(Limit sendTask, Limit startExecution) {
        this.sendTask = sendTask;
        this.startExecution = startExecution;
    }

    /** Where the waits go (the metrics), once the context has its beans. */
    void reportTo(TaskEvents events) {
        this.events = TaskEvents.orNone(events);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Limit limit = limitFor(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        if (limit == null) {
            return;
        }
        long waitNanos = limit.limiter().reservePermission();
        if (waitNanos < 0) {
            throw SdkClientException.create("the Step Functions rate limit " + limit.name() + " had no permit within "
                                            + MAX_WAIT);
        }
        try {
            if (waitNanos > 0) {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AbortedException.builder().message("interrupted while waiting for the Step Functions rate limit")
                    .cause(e).build();
        }
        events.rateLimitWaited(limit.name(), waitNanos);
    }

    private Limit limitFor(String operation) {
        if (SEND_TASK_OPERATIONS.contains(operation)) {
            return sendTask;
        }
        return START_EXECUTION.equals(operation) ? startExecution : null;
    }

    @Override
    public String toString() {
        return "SendTask* " + sendTask + ", StartExecution " + startExecution;
    }
}
