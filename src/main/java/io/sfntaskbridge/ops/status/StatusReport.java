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
import io.sfntaskbridge.ops.WorkerView;
import io.sfntaskbridge.ops.metrics.BridgeMetrics;
import io.sfntaskbridge.reload.RouteReloads;

/**
 * The data of the status page ({@code /observe/status.json}), read at each request from where it already lives: the
 * meter registry ({@code sfn.bridge.*}), the workers' routes ({@link WorkerView}), the {@code routeReloads} bean, the
 * {@link AnswerRate} ring and the {@link RecentFailures}. Each worker is a row of its own, named by its route; unknown
 * figures (a worker not running, a queue not sampled yet) are null.
 */
public final class StatusReport {

    /** Outcomes after which Step Functions has an answer (as BridgeMetrics times them): what "answers" counts. */
    static final Set<String> SENT = Set.of("SUCCEEDED", "FAILED", "OUTPUT_TOO_LARGE", "INVALID_OUTPUT", "RESENT");
    private static final String ANSWERED = BridgeMetrics.PREFIX + "tasks.answered";

    private final MeterRegistry registry;
    private final Supplier<List<WorkerView>> workers;
    private final Supplier<RouteReloads> reloads;
    private final AnswerRate rate;
    private final RecentFailures failures;
    private final Clock clock;

    public StatusReport(MeterRegistry registry, Supplier<List<WorkerView>> workers, Supplier<RouteReloads> reloads,
                        AnswerRate rate, RecentFailures failures, Clock clock) {
        this.registry = registry;
        this.workers = workers;
        this.reloads = reloads;
        this.rate = rate;
        this.failures = failures;
        this.clock = clock;
    }

    /** Answers sent so far by every worker, all outcomes in {@link #SENT}: the total the {@link AnswerRate} samples. */
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
        List<WorkerView> all = workers.get();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("at", clock.instant().toString());
        status.put("inFlight", inFlight(all));
        status.put("workers", all.stream().map(StatusReport::worker).toList());
        status.put("rate", rate());
        status.put("received", sum(BridgeMetrics.PREFIX + "tasks.received"));
        status.put("answered", answersSent(registry));
        status.put("outcomes", outcomes());
        status.put("failures", failures.newestFirst().stream().map(f -> map("at", f.at().toString(), "route", f.route(),
                "token", f.token(), "outcome", f.outcome(), "error", f.error(), "cause", f.cause())).toList());
        status.put("queues", all.stream().filter(w -> w.queue() != null).map(this::queues).toList());
        status.put("reload", reload());
        return status;
    }

    /** The sum over the running workers; nulls while none runs. */
    private static Map<String, Object> inFlight(List<WorkerView> all) {
        List<WorkerView> running = all.stream().filter(w -> w.load() != null).toList();
        if (running.isEmpty()) {
            return map("tasks", null, "limit", null, "max", null);
        }
        return map("tasks", running.stream().mapToInt(w -> w.load().tasksInFlight()).sum(),
                "limit", running.stream().mapToInt(w -> w.load().limit()).sum(),
                "max", running.stream().mapToInt(w -> w.load().maxTasksInFlight()).sum());
    }

    private static Map<String, Object> worker(WorkerView w) {
        String state = w.load() == null ? String.valueOf(w.status()) : w.draining() ? "draining"
                : w.receiveFailing() ? "receive failing" : w.storeFailing() ? "ledger unreachable" : "working";
        return map("route", w.routeId(), "source", w.source(), "state", state,
                "tasks", w.load() == null ? null : w.load().tasksInFlight(),
                "limit", w.load() == null ? null : w.load().limit(),
                "max", w.load() == null ? null : w.load().maxTasksInFlight());
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
                .sorted(Comparator.comparing((Counter c) -> c.getId().getTag("routeId"))
                        .thenComparing(c -> c.getId().getTag("outcome")).thenComparing(c -> c.getId().getTag("error")))
                .map(c -> map("route", c.getId().getTag("routeId"), "outcome", c.getId().getTag("outcome"),
                        "error", c.getId().getTag("error"), "count", (long) c.count()))
                .toList();
    }

    private Map<String, Object> queues(WorkerView worker) {
        String dlqUrl = worker.queue().knownDeadLetterQueueUrl().orElse(null);
        return map("route", worker.routeId(), "work", queue(worker.routeId(), "work", worker.queue().name()),
                "dlq", dlqUrl == null ? null : queue(worker.routeId(), "dlq", dlqUrl.substring(dlqUrl.lastIndexOf('/') + 1)));
    }

    private Map<String, Object> queue(String route, String kind, String name) {
        return map("name", name,
                "visible", gauge(BridgeMetrics.PREFIX + "queue.messages", route, kind, "visible"),
                "notVisible", gauge(BridgeMetrics.PREFIX + "queue.messages", route, kind, "not_visible"),
                "oldestAgeSeconds", gauge(BridgeMetrics.PREFIX + "queue.oldest.message.age", route, kind, null));
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

    private double sum(String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private Double gauge(String name, String route, String queue, String state) {
        var search = registry.find(name).tag("routeId", route).tag("queue", queue);
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
