package io.sfntaskbridge.ops.status;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sfntaskbridge.ops.metrics.BridgeMetrics;
import io.sfntaskbridge.reload.RouteReloads;
import io.sfntaskbridge.worker.ConcurrencyGate;
import io.sfntaskbridge.worker.TaskPermits;

/**
 * The data of the status page ({@code /observe/status.json}), read at each request from where it already lives: the
 * meter registry ({@code sfn.bridge.*}), the {@code concurrencyGate} bean, the {@code routeReloads} bean, the
 * {@link AnswerRate} ring and the {@link RecentFailures}. Unknown figures (no worker, queue not sampled yet) are null.
 */
public final class StatusReport {

    /** Outcomes after which Step Functions has an answer (as BridgeMetrics times them): what "answers" counts. */
    static final Set<String> SENT = Set.of("SUCCEEDED", "FAILED", "OUTPUT_TOO_LARGE", "INVALID_OUTPUT", "RESENT");
    private static final String ANSWERED = BridgeMetrics.PREFIX + "tasks.answered";

    private final MeterRegistry registry;
    private final Supplier<ConcurrencyGate> gate;
    private final Supplier<RouteReloads> reloads;
    private final AnswerRate rate;
    private final RecentFailures failures;
    private final String workQueue;
    private final String dlq;
    private final Clock clock;

    public StatusReport(MeterRegistry registry, Supplier<ConcurrencyGate> gate, Supplier<RouteReloads> reloads,
                        AnswerRate rate, RecentFailures failures, String workQueue, String dlq, Clock clock) {
        this.registry = registry;
        this.gate = gate;
        this.reloads = reloads;
        this.rate = rate;
        this.failures = failures;
        this.workQueue = workQueue;
        this.dlq = dlq;
        this.clock = clock;
    }

    /** Answers sent so far, all outcomes in {@link #SENT}: the total the {@link AnswerRate} samples. */
    public static double answersSent(MeterRegistry registry) {
        double sum = 0;
        for (Counter counter : registry.find(ANSWERED).counters()) {
            if (SENT.contains(counter.getId().getTag("outcome"))) {
                sum += counter.count();
            }
        }
        return sum;
    }

    public Map<String, Object> read() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("at", clock.instant().toString());
        status.put("inFlight", inFlight());
        status.put("rate", rate());
        status.put("received", counter(BridgeMetrics.PREFIX + "tasks.received"));
        status.put("answered", answersSent(registry));
        status.put("outcomes", outcomes());
        status.put("failures", failures.newestFirst().stream().map(f -> map("at", f.at().toString(), "token", f.token(),
                "outcome", f.outcome(), "error", f.error(), "cause", f.cause())).toList());
        status.put("queues", map("work", queue("work", workQueue), "dlq", dlq == null ? null : queue("dlq", dlq)));
        status.put("reload", reload());
        return status;
    }

    private Map<String, Object> inFlight() {
        ConcurrencyGate found = gate.get();
        if (found == null) {
            return map("tasks", null, "limit", null, "max", null);
        }
        TaskPermits permits = found.permits();
        return map("tasks", permits.tasksInFlight(), "limit", permits.limit(), "max", permits.maxTasksInFlight());
    }

    private Map<String, Object> rate() {
        AnswerRate.Window window = rate.window();
        List<Double> perSecond = new ArrayList<>();
        for (double value : window.perSecond()) {
            perSecond.add(value);
        }
        int lastMinute = (int) Math.min(window.filled(), 60 / Math.max(1, window.bucketSeconds()));
        double lastMinuteSum = 0;
        for (int i = window.filled() - lastMinute; i < window.filled(); i++) {
            lastMinuteSum += window.perSecond()[i];
        }
        return map("bucketSeconds", window.bucketSeconds(), "buckets", window.buckets(), "perSecond", perSecond,
                "answers", window.answers(),
                "lastMinutePerSecond", lastMinute == 0 ? null : lastMinuteSum / lastMinute);
    }

    private List<Map<String, Object>> outcomes() {
        return registry.find(ANSWERED).counters().stream().filter(counter -> counter.count() > 0)
                .sorted(Comparator.comparing((Counter c) -> c.getId().getTag("outcome"))
                        .thenComparing(c -> c.getId().getTag("error")))
                .map(c -> map("outcome", c.getId().getTag("outcome"), "error", c.getId().getTag("error"),
                        "count", (long) c.count()))
                .toList();
    }

    private Map<String, Object> queue(String tag, String name) {
        return map("name", name,
                "visible", gauge(BridgeMetrics.PREFIX + "queue.messages", tag, "visible"),
                "notVisible", gauge(BridgeMetrics.PREFIX + "queue.messages", tag, "not_visible"),
                "oldestAgeSeconds", gauge(BridgeMetrics.PREFIX + "queue.oldest.message.age", tag, null));
    }

    private Map<String, Object> reload() {
        RouteReloads found = reloads.get();
        if (found == null) {
            return null;
        }
        RouteReloads.Last last = found.last();
        return map("applied", found.appliedCount(), "refused", found.refusedCount(), "last", last == null ? null
                : map("at", last.at().toString(), "state", last.applied() ? "applied" : "refused",
                        "files", last.files(), "summary", last.summary()));
    }

    private Double counter(String name) {
        Counter counter = registry.find(name).counter();
        return counter == null ? null : counter.count();
    }

    private Double gauge(String name, String queue, String state) {
        var search = registry.find(name).tag("queue", queue);
        Gauge gauge = (state == null ? search : search.tag("state", state)).gauge();
        return gauge == null || Double.isNaN(gauge.value()) ? null : gauge.value();
    }

    // LinkedHashMap, unlike Map.of, keeps the order and takes nulls.
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
