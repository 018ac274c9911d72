package io.sfntaskbridge.worker;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.sfntaskbridge.task.TaskClaim;
import io.sfntaskbridge.task.TaskEvents;

/**
 * A task the worker holds, from its receipt to its settlement: the delivery, its opened envelope, the ledger's claim,
 * the keep-alive jobs and the global slot. Settled exactly once: when its work and answer are done, or earlier by a
 * hand-back when the worker drains ({@link #settle()} decides which).
 */
public final class LiveTask {

    private final Delivery delivery;
    private final TaskEnvelope.Opened envelope;
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile TaskClaim claim;
    private volatile long claimedAtNanos = TaskEvents.UNKNOWN;
    private volatile List<ScheduledFuture<?>> jobs = List.of();
    private volatile GlobalSlots.Hold slot;
    private volatile boolean started;
    private volatile boolean returned;

    LiveTask(Delivery delivery, TaskEnvelope.Opened envelope) {
        this.delivery = delivery;
        this.envelope = envelope;
    }

    public Delivery delivery() {
        return delivery;
    }

    public String token() {
        return envelope.token();
    }

    /** The work's input: a JSON object as a Map. */
    public Map<String, Object> input() {
        return envelope.input();
    }

    /** The envelope's heartbeatSeconds hint, or null. */
    public Integer heartbeatHint() {
        return envelope.heartbeatSeconds();
    }

    /** When the task was sent (SQS SentTimestamp), or {@link TaskEvents#UNKNOWN}. */
    public long sentTimestampMillis() {
        return delivery.sentTimestampMillis() > 0 ? delivery.sentTimestampMillis() : TaskEvents.UNKNOWN;
    }

    /** The ledger's claim this delivery works under; null without a ledger or before the claim. */
    public TaskClaim claim() {
        return claim;
    }

    /** System.nanoTime() of the claim that let this delivery work, or {@link TaskEvents#UNKNOWN}. */
    public long claimedAtNanos() {
        return claimedAtNanos;
    }

    void claimed(TaskClaim claim) {
        this.claim = claim;
        if (claim != null && claim.owned()) {
            claimedAtNanos = System.nanoTime();
        }
    }

    TaskEnvelope.Opened envelope() {
        return envelope;
    }

    void keepAliveJobs(List<ScheduledFuture<?>> jobs) {
        this.jobs = jobs;
    }

    void holdSlot(GlobalSlots.Hold slot) {
        this.slot = slot;
    }

    /** Gives the global slot back, if the task holds one (once, whoever calls first). */
    void releaseSlot() {
        GlobalSlots.Hold held = slot;
        if (held != null) {
            held.release();
        }
    }

    /** The work began (it left the waiting room). */
    void started() {
        started = true;
    }

    boolean isStarted() {
        return started;
    }

    /** Whether it was handed back by a drain. */
    boolean returned() {
        return returned;
    }

    void markReturned() {
        returned = true;
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

    boolean isSettled() {
        return settled.get();
    }
}
