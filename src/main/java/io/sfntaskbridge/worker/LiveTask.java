package io.sfntaskbridge.worker;

import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.sfntaskbridge.component.SfnTaskConstants;
import io.sfntaskbridge.component.TaskClaim;
import org.apache.camel.Exchange;

/**
 * A task the worker holds: its message's receipt, its keep-alive jobs, and whether its fate was decided. Settled
 * exactly once: by the end of its exchange, or earlier by a hand-back when the worker stops.
 */
final class LiveTask {

    final Exchange exchange;
    final String token;
    final String queueUrl;
    final String receiptHandle;
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile List<ScheduledFuture<?>> jobs = List.of();
    private volatile boolean returned;

    LiveTask(Exchange exchange, String token, String queueUrl, String receiptHandle) {
        this.exchange = exchange;
        this.token = token;
        this.queueUrl = queueUrl;
        this.receiptHandle = receiptHandle;
    }

    void keepAliveJobs(List<ScheduledFuture<?>> jobs) {
        this.jobs = jobs;
    }

    /** The ledger's claim for this delivery, once the route's claim step ran. */
    TaskClaim claim() {
        return exchange.getProperty(SfnTaskConstants.CLAIM, TaskClaim.class);
    }

    String routeId() {
        return exchange.getFromRouteId();
    }

    /** Whether it went back to the queue unanswered (a drain's hand-back). */
    boolean returned() {
        return returned;
    }

    void markReturned() {
        returned = true;
    }

    boolean hasReceipt() {
        return queueUrl != null && receiptHandle != null;
    }

    /**
     * Takes the right to settle the task and stops its keep-alive jobs.
     *
     * @return false when it was already settled
     */
    boolean settle() {
        if (!settled.compareAndSet(false, true)) {
            return false;
        }
        jobs.forEach(job -> job.cancel(false));
        return true;
    }
}
