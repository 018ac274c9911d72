package io.sfntaskbridge.worker;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Where a worker's tasks come from, and what settling one means there: an SQS work queue ({@link QueueSource}) or a
 * Step Functions activity ({@link ActivitySource}).
 */
public interface TaskSource extends AutoCloseable {

    /** For logs: {@code queue erp-tasks} or {@code activity arn:...}. */
    String describe();

    /** The AWS call that receives, for logs and health: {@code SQS ReceiveMessage} or {@code GetActivityTask}. */
    String receiveCall();

    /** The most tasks one receive may bring. */
    int maxPerReceive();

    /**
     * Receives up to {@code max} tasks; may block for the source's long poll.
     *
     * @throws RuntimeException when the receive fails (AWS unreachable, credentials refused)
     */
    List<Delivery> receive(int max);

    /** Opens a received task; throws {@link MalformedEnvelopeException} when nobody can ever answer it. */
    TaskEnvelope.Opened open(Delivery delivery);

    /** Whether a task can go back for a later delivery (a queue message can; an activity task cannot). */
    boolean canHandBack();

    /** The task needs nothing more: its message is deleted. */
    void settled(Delivery delivery);

    /** Makes the task available again after {@code seconds} (0: at once), for this or another instance. */
    void handBack(Delivery delivery, int seconds);

    /** Whether running tasks must be kept hidden ({@link #extendVisibility}) while they run. */
    boolean hasVisibility();

    /** Keeps a running task hidden from other receivers for another visibility timeout. */
    void extendVisibility(Delivery delivery);

    /** A task that can never be answered (no usable token): moved aside, with the reason, and logged once. */
    void reject(Delivery delivery, String reason);

    /** The worker started: background work of the source (batched deletes) may run on {@code scheduler}. */
    default void start(ScheduledExecutorService scheduler) {
    }

    /** Finishes what is pending (deletes waiting for their batch, or under way); the worker drained or stops. */
    default void flush() throws InterruptedException {
    }

    /** Releases what the source built for itself (not the clients it was given). */
    @Override
    default void close() {
    }
}
