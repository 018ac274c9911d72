package io.sfntaskbridge.ops.metrics;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sfntaskbridge.task.SfnTaskErrors;
import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.task.TaskClaim;
import io.sfntaskbridge.task.TaskEvents;
import io.sfntaskbridge.task.WorkerLoad;

/**
 * The meters of one worker, each tagged {@code routeId}: what happens to its tasks, and while it runs, its cap's
 * gauges. Every meter whose tags are known in advance is registered when the worker first tells, so a task's events
 * are a map lookup and an increment; error names are not known in advance: each new one gets its counter once, up to
 * {@link BridgeMetrics#MAX_ERROR_NAMES} per outcome, after which further names count as {@value BridgeMetrics#OTHER_ERROR}.
 */
final class WorkerMetrics implements TaskEvents {

    private final MeterRegistry registry;
    private final String routeId;
    private final BridgeMetrics root;
    private final Counter received;
    private final Map<SfnTaskOutcome, Map<String, Counter>> answered = new EnumMap<>(SfnTaskOutcome.class);
    private final Map<TaskClaim.Status, Counter> claims = new EnumMap<>(TaskClaim.Status.class);
    private final Map<Heartbeat, Counter> heartbeats = new EnumMap<>(Heartbeat.class);
    private final Map<HandBack, Counter> handBacks = new EnumMap<>(HandBack.class);
    private final Counter visibilityExtended;
    private final Counter visibilityFailed;
    private final Timer enqueueToAnswer;
    private final Timer work;
    // Largest queue wait (receipt - SentTimestamp, ms) of the messages received since the sampler last took it.
    private final AtomicLong receivedAgeWindowMillis = new AtomicLong(-1);
    private final List<Meter> gauges = new ArrayList<>();

    WorkerMetrics(MeterRegistry registry, String routeId, BridgeMetrics root) {
        this.registry = registry;
        this.routeId = routeId;
        this.root = root;
        received = Counter.builder(BridgeMetrics.PREFIX + "tasks.received").tag("routeId", routeId)
                .description("Deliveries that reached the worker: every one, redeliveries included").register(registry);
        for (SfnTaskOutcome outcome : SfnTaskOutcome.values()) {
            if (outcome != SfnTaskOutcome.HEARTBEAT_SENT) {
                answered.put(outcome, new ConcurrentHashMap<>());
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
            claims.put(status, Counter.builder(BridgeMetrics.PREFIX + "ledger.claims").tag("routeId", routeId)
                    .tag("status", status.name()).description("Task ledger decisions per delivery; all but CLAIMED and"
                                                              + " TAKEN_OVER are duplicates whose work was suppressed")
                    .register(registry));
        }
        for (Heartbeat result : Heartbeat.values()) {
            heartbeats.put(result, Counter.builder(BridgeMetrics.PREFIX + "heartbeats").tag("routeId", routeId)
                    .tag("result", BridgeMetrics.lower(result))
                    .description("SendTaskHeartbeat calls: sent, refused (task closed) or failed").register(registry));
        }
        for (HandBack reason : HandBack.values()) {
            handBacks.put(reason, Counter.builder(BridgeMetrics.PREFIX + "tasks.handed.back").tag("routeId", routeId)
                    .tag("reason", BridgeMetrics.lower(reason))
                    .description("Deliveries given back to the queue without an answer").register(registry));
        }
        visibilityExtended = visibilityCounter("ok");
        visibilityFailed = visibilityCounter("failed");
        enqueueToAnswer = Timer.builder(BridgeMetrics.PREFIX + "task.enqueue.to.answer").tag("routeId", routeId)
                .description("From the message's SentTimestamp to Step Functions accepting the answer")
                .serviceLevelObjectives(BridgeMetrics.seconds(0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600))
                .register(registry);
        work = Timer.builder(BridgeMetrics.PREFIX + "task.work").tag("routeId", routeId)
                .description("From the ledger claim to the answer: the time the work (enrichment) took")
                .serviceLevelObjectives(BridgeMetrics.seconds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300))
                .register(registry);
    }

    private Counter visibilityCounter(String result) {
        return Counter.builder(BridgeMetrics.PREFIX + "visibility.extensions").tag("routeId", routeId)
                .tag("result", result)
                .description("ChangeMessageVisibility calls that kept a running task's message hidden").register(registry);
    }

    private Counter answeredCounter(SfnTaskOutcome outcome, String error) {
        Map<String, Counter> byError = answered.get(outcome);
        Counter counter = byError.get(error);
        if (counter != null) {
            return counter;
        }
        String tag = byError.size() >= BridgeMetrics.MAX_ERROR_NAMES ? BridgeMetrics.OTHER_ERROR : error;
        return byError.computeIfAbsent(tag, e -> Counter.builder(BridgeMetrics.PREFIX + "tasks.answered")
                .tag("routeId", routeId).tag("outcome", outcome.name()).tag("error", e)
                .description("Deliveries ended, by outcome and the error name of a failure answer").register(registry));
    }

    @Override
    public synchronized void workerStarted(WorkerLoad load) {
        workerStopped();
        gauge("tasks.in.flight", load, WorkerLoad::tasksInFlight, "Tasks the worker holds now, working or waiting");
        gauge("tasks.in.flight.limit", load, WorkerLoad::limit, "The worker's hard cap: concurrency plus waiting room");
        gauge("tasks.in.flight.max", load, WorkerLoad::maxTasksInFlight, "The highest tasks in flight since it started");
        gauge("task.permits.reserved.by.receives", load, WorkerLoad::receivesUnderWay,
                "Permits reserved by receives waiting for their messages (long poll); not tasks");
    }

    private void gauge(String name, WorkerLoad load, ToIntFunction<WorkerLoad> value, String description) {
        // Strong: nothing else holds the load for the registry, and a weakly held one would read NaN after a GC.
        gauges.add(Gauge.builder(BridgeMetrics.PREFIX + name, load, value::applyAsInt).tag("routeId", routeId)
                .description(description).strongReference(true).register(registry));
    }

    @Override
    public synchronized void workerStopped() {
        gauges.forEach(registry::remove);
        gauges.clear();
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
        String name = error == null ? NO_ERROR : error;
        Counter counter = byError.get(name);
        (counter != null ? counter : answeredCounter(outcome, name)).increment();
        if (sentTimestampMillis > 0 && BridgeMetrics.SENT.contains(outcome)) {
            enqueueToAnswer.record(Math.max(0, System.currentTimeMillis() - sentTimestampMillis), TimeUnit.MILLISECONDS);
        }
        if (workNanos >= 0) {
            work.record(workNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void taskFailed(String tokenFingerprint, SfnTaskOutcome outcome, String error, String cause) {
        root.failures().forWorker(routeId).taskFailed(tokenFingerprint, outcome, error, cause);
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
        root.throttledRetry(call);
    }

    @Override
    public void rateLimitWaited(String limit, long waitNanos) {
        root.rateLimitWaited(limit, waitNanos);
    }

    @Override
    public TaskEvents forWorker(String otherRouteId) {
        return root.forWorker(otherRouteId);
    }

    /**
     * The largest queue wait (receipt minus SentTimestamp) among the messages received since the last call, in
     * milliseconds, or -1 when none was received; starts a new window.
     */
    long takeReceivedAgeWindowMillis() {
        return receivedAgeWindowMillis.getAndSet(-1);
    }
}
