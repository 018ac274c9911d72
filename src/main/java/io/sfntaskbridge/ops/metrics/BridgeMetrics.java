package io.sfntaskbridge.ops.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sfntaskbridge.component.SfnTaskErrors;
import io.sfntaskbridge.component.SfnTaskOutcome;
import io.sfntaskbridge.component.TaskClaim;
import io.sfntaskbridge.component.TaskEvents;

/**
 * The runtime's {@link TaskEvents} listener: counts and times what happens to tasks as Micrometer meters named
 * {@code sfn.bridge.*} (Prometheus: {@code sfn_bridge_*}). Every meter whose tags are known in advance is registered
 * here, at start, so a task's events are a map lookup and an increment: no meter is built and no name is formed per
 * task. Error names are not known in advance; each new one gets its counter once, up to {@link #MAX_ERROR_NAMES} per
 * outcome, after which further names count as {@value #OTHER_ERROR}.
 */
public class BridgeMetrics implements TaskEvents {

    public static final String PREFIX = "sfn.bridge.";
    static final int MAX_ERROR_NAMES = 50;
    static final String OTHER_ERROR = "other";
    /** Outcomes after which Step Functions has the task's answer: enqueue-to-answer is timed for these. */
    private static final java.util.Set<SfnTaskOutcome> SENT = java.util.EnumSet.of(SfnTaskOutcome.SUCCEEDED,
            SfnTaskOutcome.FAILED, SfnTaskOutcome.OUTPUT_TOO_LARGE, SfnTaskOutcome.INVALID_OUTPUT, SfnTaskOutcome.RESENT);

    private final MeterRegistry registry;
    private final Counter received;
    private final Map<SfnTaskOutcome, Map<String, Counter>> answered = new EnumMap<>(SfnTaskOutcome.class);
    private final Map<TaskClaim.Status, Counter> claims = new EnumMap<>(TaskClaim.Status.class);
    private final Map<Heartbeat, Counter> heartbeats = new EnumMap<>(Heartbeat.class);
    private final Map<HandBack, Counter> handBacks = new EnumMap<>(HandBack.class);
    private final Counter visibilityExtended;
    private final Counter visibilityFailed;
    private final Timer enqueueToAnswer;
    private final Timer work;
    private final Map<String, Counter> throttled = new ConcurrentHashMap<>();
    private final Map<String, Timer> rateLimitWaits = new ConcurrentHashMap<>();
    // Largest queue wait (receipt - SentTimestamp, ms) of the messages received since the sampler last took it.
    private final AtomicLong receivedAgeWindowMillis = new AtomicLong(-1);
    // Where failure answers go besides the counters: the status page's last failures (ops.status), if it is on.
    private volatile TaskEvents failures = TaskEvents.NONE;

    public BridgeMetrics(MeterRegistry registry) {
        this.registry = registry;
        received = Counter.builder(PREFIX + "tasks.received")
                .description("Messages that reached the worker route: every delivery, redeliveries included").register(registry);
        for (SfnTaskOutcome outcome : SfnTaskOutcome.values()) {
            if (outcome != SfnTaskOutcome.HEARTBEAT_SENT) {
                Map<String, Counter> byError = new ConcurrentHashMap<>();
                answered.put(outcome, byError);
                answeredCounter(outcome, NO_ERROR);
            }
        }
        for (String error : new String[] {SfnTaskErrors.TASK_FAILED, SfnTaskErrors.INVALID_INPUT, SfnTaskErrors.TIMEOUT,
                SfnTaskErrors.ENRICHMENT_FAILED}) {
            answeredCounter(SfnTaskOutcome.FAILED, error);
        }
        answeredCounter(SfnTaskOutcome.OUTPUT_TOO_LARGE, SfnTaskErrors.OUTPUT_TOO_LARGE);
        answeredCounter(SfnTaskOutcome.INVALID_OUTPUT, SfnTaskErrors.INVALID_OUTPUT);
        for (TaskClaim.Status status : TaskClaim.Status.values()) {
            claims.put(status, Counter.builder(PREFIX + "ledger.claims").tag("status", status.name())
                    .description("Task ledger decisions per delivery; all but CLAIMED and TAKEN_OVER are duplicates"
                                 + " whose work was suppressed")
                    .register(registry));
        }
        for (Heartbeat result : Heartbeat.values()) {
            heartbeats.put(result, Counter.builder(PREFIX + "heartbeats").tag("result", lower(result))
                    .description("SendTaskHeartbeat calls: sent, refused (task closed) or failed").register(registry));
        }
        for (HandBack reason : HandBack.values()) {
            handBacks.put(reason, Counter.builder(PREFIX + "tasks.handed.back").tag("reason", lower(reason))
                    .description("Deliveries given back to the queue without an answer").register(registry));
        }
        visibilityExtended = visibilityCounter("ok");
        visibilityFailed = visibilityCounter("failed");
        enqueueToAnswer = Timer.builder(PREFIX + "task.enqueue.to.answer")
                .description("From the message's SentTimestamp to Step Functions accepting the answer")
                .serviceLevelObjectives(seconds(0.1), seconds(0.5), seconds(1), seconds(2), seconds(5), seconds(10),
                        seconds(30), seconds(60), seconds(120), seconds(300), seconds(900), seconds(3600))
                .register(registry);
        work = Timer.builder(PREFIX + "task.work")
                .description("From the ledger claim to the answer: the time the work (enrichment) took")
                .serviceLevelObjectives(seconds(0.05), seconds(0.1), seconds(0.25), seconds(0.5), seconds(1),
                        seconds(2.5), seconds(5), seconds(10), seconds(30), seconds(60), seconds(300))
                .register(registry);
        rateLimitTimer("send-task");
        rateLimitTimer("start-execution");
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }

    private Counter visibilityCounter(String result) {
        return Counter.builder(PREFIX + "visibility.extensions").tag("result", result)
                .description("ChangeMessageVisibility calls that kept a running task's message hidden").register(registry);
    }

    private Counter answeredCounter(SfnTaskOutcome outcome, String error) {
        Map<String, Counter> byError = answered.get(outcome);
        Counter counter = byError.get(error);
        if (counter != null) {
            return counter;
        }
        String tag = byError.size() >= MAX_ERROR_NAMES ? OTHER_ERROR : error;
        return byError.computeIfAbsent(tag, e -> Counter.builder(PREFIX + "tasks.answered")
                .tag("outcome", outcome.name()).tag("error", e)
                .description("Deliveries ended, by outcome and the error name of a failure answer").register(registry));
    }

    private Timer rateLimitTimer(String limit) {
        return rateLimitWaits.computeIfAbsent(limit, l -> Timer.builder(PREFIX + "sfn.rate.limit.wait").tag("limit", l)
                .description("Time Step Functions calls waited for the client-side rate limit")
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(100),
                        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5))
                .register(registry));
    }

    @Override
    public void taskReceived(long sentTimestampMillis) {
        received.increment();
        if (sentTimestampMillis > 0) {
            long waited = Math.max(0, System.currentTimeMillis() - sentTimestampMillis);
            receivedAgeWindowMillis.accumulateAndGet(waited, Math::max);
        }
    }

    @Override
    public void taskClaimed(TaskClaim.Status status) {
        claims.get(status).increment();
    }

    @Override
    public void taskAnswered(SfnTaskOutcome outcome, String error, long sentTimestampMillis, long workNanos) {
        Map<String, Counter> byError = answered.get(outcome);
        if (byError == null) {
            return;
        }
        Counter counter = byError.get(error == null ? NO_ERROR : error);
        (counter != null ? counter : answeredCounter(outcome, error == null ? NO_ERROR : error)).increment();
        if (sentTimestampMillis > 0 && SENT.contains(outcome)) {
            enqueueToAnswer.record(Math.max(0, System.currentTimeMillis() - sentTimestampMillis), TimeUnit.MILLISECONDS);
        }
        if (workNanos >= 0) {
            work.record(workNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Tells {@link #taskFailed} (fingerprint, error, cause; nothing counted) to {@code listener} as well. */
    public void tellFailuresTo(TaskEvents listener) {
        failures = TaskEvents.orNone(listener);
    }

    @Override
    public void taskFailed(String tokenFingerprint, SfnTaskOutcome outcome, String error, String cause) {
        failures.taskFailed(tokenFingerprint, outcome, error, cause);
    }

    @Override
    public void heartbeat(Heartbeat result) {
        heartbeats.get(result).increment();
    }

    @Override
    public void visibilityExtended(boolean ok) {
        (ok ? visibilityExtended : visibilityFailed).increment();
    }

    @Override
    public void handedBack(HandBack reason) {
        handBacks.get(reason).increment();
    }

    @Override
    public void throttledRetry(String call) {
        Counter counter = throttled.get(call);
        if (counter == null) {
            counter = throttled.computeIfAbsent(call, c -> Counter.builder(PREFIX + "throttled.retries").tag("call", c)
                    .description("AWS calls throttled and tried again by the runtime's own retries").register(registry));
        }
        counter.increment();
    }

    @Override
    public void rateLimitWaited(String limit, long waitNanos) {
        Timer timer = rateLimitWaits.get(limit);
        (timer != null ? timer : rateLimitTimer(limit)).record(waitNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * The largest queue wait (receipt minus SentTimestamp) among the messages received since the last call, in
     * milliseconds, or -1 when none was received; starts a new window.
     */
    public long takeReceivedAgeWindowMillis() {
        return receivedAgeWindowMillis.getAndSet(-1);
    }

    public MeterRegistry registry() {
        return registry;
    }
}
