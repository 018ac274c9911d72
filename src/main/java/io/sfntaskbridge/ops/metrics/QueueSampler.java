package io.sfntaskbridge.ops.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.sfntaskbridge.ops.WorkerView;
import io.sfntaskbridge.task.FaultLog;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Samples the work queue and DLQ of every running queue worker every {@code every} on a scheduler of Camel's executor
 * manager (started and stopped with the context): depth from GetQueueAttributes, and an age of the oldest message,
 * as gauges tagged with the worker's {@code routeId} and {@code queue} ({@code work} or {@code dlq}). SQS has no
 * attribute for that age (CloudWatch's ApproximateAgeOfOldestMessage is not in the SQS API), so ours is defined as:
 * <ul>
 * <li>work queue: the longest queue wait (receipt minus SentTimestamp) among the messages the worker received in the
 * last window; 0 when it received none and the queue had no visible message; NaN (unknown) when it received none
 * although messages were visible (all permits busy, or receiving fails);</li>
 * <li>DLQ: the largest now minus SentTimestamp among up to 10 messages peeked with a visibility timeout of 0 (a lower
 * bound of the oldest's age). Peeking counts as a receive of those DLQ messages. 0 when the DLQ is empty, NaN when the
 * peek is off ({@code dlqPeek=false}).</li>
 * </ul>
 * A failed sample sets that worker's gauges to NaN and is logged once per outage. A worker's gauges go when its route
 * does.
 */
public final class QueueSampler extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(QueueSampler.class);
    private static final String SAMPLING = "SQS queue sampling";

    private final CamelContext camelContext;
    private final Supplier<SqsClient> sqs;
    private final Supplier<List<WorkerView>> workers;
    private final BridgeMetrics metrics;
    private final Duration every;
    private final boolean dlqPeek;
    private final Map<String, QueueFigures> figures = new ConcurrentHashMap<>();
    private final FaultLog faults = new FaultLog(LOG);
    private ScheduledExecutorService scheduler;

    public QueueSampler(CamelContext camelContext, Supplier<SqsClient> sqs, Supplier<List<WorkerView>> workers,
                        BridgeMetrics metrics, Duration every, boolean dlqPeek) {
        this.camelContext = camelContext;
        this.sqs = sqs;
        this.workers = workers;
        this.metrics = metrics;
        this.every = every;
        this.dlqPeek = dlqPeek;
    }

    @Override
    protected void doStart() {
        scheduler = camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "QueueSampler");
        scheduler.scheduleWithFixedDelay(this::sample, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (scheduler != null) {
            camelContext.getExecutorServiceManager().shutdownNow(scheduler);
            scheduler = null;
        }
    }

    void sample() {
        SqsClient client = sqs.get();
        if (client == null) {
            return;
        }
        Set<String> seen = ConcurrentHashMap.newKeySet();
        boolean failed = false;
        for (WorkerView worker : workers.get()) {
            if (worker.queue() == null) {
                continue;
            }
            seen.add(worker.routeId());
            QueueFigures queue = figures.get(worker.routeId());
            if (queue == null || !queue.samples(worker.queue())) {
                // A new worker, or its route was replaced (a reload): gauges of its queue from now on.
                if (queue != null) {
                    queue.remove();
                }
                queue = new QueueFigures(metrics.registry(), worker.routeId(), worker.queue());
                figures.put(worker.routeId(), queue);
            }
            try {
                queue.sample(client, metrics.takeReceivedAgeWindowMillis(worker.routeId()), dlqPeek);
            } catch (RuntimeException e) {
                queue.unknown();
                faults.failed(SAMPLING, e);
                failed = true;
            }
        }
        if (!failed) {
            faults.succeeded(SAMPLING);
        }
        figures.keySet().removeIf(route -> !seen.contains(route) && figures.get(route).remove());
    }
}
