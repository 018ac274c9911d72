package io.sfntaskbridge.ops.metrics;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.task.TaskClaim;
import io.sfntaskbridge.task.TaskEvents;
import io.sfntaskbridge.task.WorkerLoad;

/**
 * The runtime's {@link TaskEvents} listener: counts and times what happens to tasks as Micrometer meters named
 * {@code sfn.bridge.*} (Prometheus: {@code sfn_bridge_*}). Each worker tells the view {@link #forWorker} gives for its
 * route ({@link WorkerMetrics}), so its meters carry {@code routeId}; throttled retries and rate-limit waits are the
 * runtime's, shared by every caller of its AWS clients.
 */
public class BridgeMetrics implements TaskEvents {

    public static final String PREFIX = "sfn.bridge.";
    static final int MAX_ERROR_NAMES = 50;
    static final String OTHER_ERROR = "other";
    /** The route id of events told to this listener itself rather than to a worker's view. */
    static final String NO_ROUTE = "none";
    /** Outcomes after which Step Functions has the task's answer: enqueue-to-answer is timed for these. */
    static final Set<SfnTaskOutcome> SENT = EnumSet.of(SfnTaskOutcome.SUCCEEDED, SfnTaskOutcome.FAILED,
            SfnTaskOutcome.OUTPUT_TOO_LARGE, SfnTaskOutcome.INVALID_OUTPUT, SfnTaskOutcome.RESENT);

    private final MeterRegistry registry;
    private final Map<String, WorkerMetrics> workers = new ConcurrentHashMap<>();
    private final Map<String, Counter> throttled = new ConcurrentHashMap<>();
    private final Map<String, Timer> rateLimitWaits = new ConcurrentHashMap<>();
    // Where failure answers go besides the counters: the status page's last failures (ops.status), if it is on.
    private volatile TaskEvents failures = TaskEvents.NONE;

    public BridgeMetrics(MeterRegistry registry) {
        this.registry = registry;
        rateLimitTimer("send-task");
        rateLimitTimer("start-execution");
    }

    static Duration[] seconds(double... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofNanos((long) (values[i] * 1e9));
        }
        return durations;
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public TaskEvents forWorker(String routeId) {
        WorkerMetrics worker = workers.get(routeId);
        return worker != null ? worker : workers.computeIfAbsent(routeId, id -> new WorkerMetrics(registry, id, this));
    }

    /**
     * The largest queue wait among the messages {@code routeId} received since the last call, in milliseconds, or -1
     * when it received none; starts a new window.
     */
    public long takeReceivedAgeWindowMillis(String routeId) {
        WorkerMetrics worker = workers.get(routeId);
        return worker == null ? -1 : worker.takeReceivedAgeWindowMillis();
    }

    private Timer rateLimitTimer(String limit) {
        return rateLimitWaits.computeIfAbsent(limit, l -> Timer.builder(PREFIX + "sfn.rate.limit.wait").tag("limit", l)
                .description("Time Step Functions calls waited for the client-side rate limit")
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(100),
                        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5))
                .register(registry));
    }

    /** Tells {@link #taskFailed} (route, fingerprint, error, cause; nothing counted) to {@code listener} as well. */
    public void tellFailuresTo(TaskEvents listener) {
        failures = TaskEvents.orNone(listener);
    }

    TaskEvents failures() {
        return failures;
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

    // Events told to the runtime's listener itself, not to a worker's view, count under routeId "none".

    @Override
    public void taskReceived(long sentTimestampMillis) {
        forWorker(NO_ROUTE).taskReceived(sentTimestampMillis);
    }

    @Override
    public void taskClaimed(TaskClaim.Status status) {
        forWorker(NO_ROUTE).taskClaimed(status);
    }

    @Override
    public void taskAnswered(SfnTaskOutcome outcome, String error, long sentTimestampMillis, long workNanos) {
        forWorker(NO_ROUTE).taskAnswered(outcome, error, sentTimestampMillis, workNanos);
    }

    @Override
    public void taskFailed(String tokenFingerprint, SfnTaskOutcome outcome, String error, String cause) {
        forWorker(NO_ROUTE).taskFailed(tokenFingerprint, outcome, error, cause);
    }

    @Override
    public void heartbeat(Heartbeat result) {
        forWorker(NO_ROUTE).heartbeat(result);
    }

    @Override
    public void visibilityExtended(boolean ok) {
        forWorker(NO_ROUTE).visibilityExtended(ok);
    }

    @Override
    public void handedBack(HandBack reason) {
        forWorker(NO_ROUTE).handedBack(reason);
    }

    @Override
    public void workerStarted(WorkerLoad load) {
        forWorker(NO_ROUTE).workerStarted(load);
    }

    @Override
    public void workerStopped() {
        forWorker(NO_ROUTE).workerStopped();
    }

    public MeterRegistry registry() {
        return registry;
    }
}
