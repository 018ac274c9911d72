package io.sfntaskbridge.ops.status;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Answers per second over the last minutes: every {@code bucket} (10 s) it reads a running total of answers (the
 * {@code sfn_bridge_tasks_answered} counters) and keeps the difference in a ring of {@code buckets} (30: 5 minutes).
 * Sampled on a scheduler of Camel's executor manager, started and stopped with the context.
 */
public final class AnswerRate extends ServiceSupport {

    /** The filled buckets, oldest first, as answers per second; {@code buckets} is the ring's size. */
    public record Window(long bucketSeconds, int buckets, double[] perSecond, int filled, long answers) {
    }

    private final CamelContext camelContext;
    private final DoubleSupplier total;
    private final Duration bucket;
    private final long[] counts;
    private int next;
    private int filled;
    private double last = Double.NaN;
    private ScheduledExecutorService scheduler;

    public AnswerRate(CamelContext camelContext, DoubleSupplier total, Duration bucket, int buckets) {
        this.camelContext = camelContext;
        this.total = total;
        this.bucket = bucket;
        this.counts = new long[buckets];
    }

    @Override
    protected void doStart() {
        sample();
        scheduler = camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "StatusAnswerRate");
        scheduler.scheduleAtFixedRate(this::sample, bucket.toMillis(), bucket.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (scheduler != null) {
            camelContext.getExecutorServiceManager().shutdownNow(scheduler);
            scheduler = null;
        }
    }

    /** Closes a bucket with the answers since the previous sample; the first sample only takes the starting total. */
    synchronized void sample() {
        double now = total.getAsDouble();
        if (Double.isNaN(now)) {
            return;
        }
        if (!Double.isNaN(last)) {
            counts[next] = Math.max(0, Math.round(now - last));
            next = (next + 1) % counts.length;
            filled = Math.min(filled + 1, counts.length);
        }
        last = now;
    }

    public synchronized Window window() {
        double[] perSecond = new double[filled];
        long answers = 0;
        for (int i = 0; i < filled; i++) {
            long count = counts[(next - filled + i + counts.length) % counts.length];
            perSecond[i] = count / (double) bucket.toSeconds();
            answers += count;
        }
        return new Window(bucket.toSeconds(), counts.length, perSecond, filled, answers);
    }
}
