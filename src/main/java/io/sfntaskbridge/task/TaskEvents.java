package io.sfntaskbridge.task;

import org.apache.camel.CamelContext;

/**
 * What happens to tasks, told to whoever watches: the {@code sfn-task} workers (receipt, claims, answers, keep-alive,
 * hand-backs), its producers and their retries call it. Every method is a no-op by default, so a listener overrides
 * what it needs; {@link #NONE} ignores everything. The runtime binds one implementation (metrics) in the registry,
 * where the component finds it by autowiring (option {@code events}). Each worker tells the view that
 * {@link #forWorker} gives for its route, so a listener can keep the workers of one runtime apart.
 * <p>
 * Called on the task's hot path and on keep-alive threads: implementations must be cheap, thread-safe and must not
 * throw.
 */
public interface TaskEvents {

    /** Listens to nothing. */
    TaskEvents NONE = new TaskEvents() {
    };

    /** The {@code error} of answers that carry none: a success, or no answer sent. */
    String NO_ERROR = "none";
    /** A time that is not known (no SentTimestamp, no claim). */
    long UNKNOWN = -1;

    /** Why a delivery went back to the queue without an answer. */
    enum HandBack {
        /** No answer could be sent (AWS or the ledger unreachable): visible again after the retry delay. */
        FAILURE,
        /** Another delivery of the token holds its claim: hidden until that lease ends. */
        DUPLICATE,
        /** The worker stopped (SIGTERM, route stop or reload) before the task finished: visible at once. */
        DRAIN
    }

    /** What became of one SendTaskHeartbeat. */
    enum Heartbeat {
        SENT,
        /** Step Functions said the task is closed (TaskTimedOut, InvalidToken): no more heartbeats for it. */
        REFUSED,
        /** The call failed (network, 5xx, throttled after the SDK's retries); tried again at the next interval. */
        FAILED
    }

    /**
     * A message reached the worker route (every delivery, a redelivery or a message without a usable envelope too).
     *
     * @param sentTimestampMillis when SQS accepted the message (its SentTimestamp), or {@link #UNKNOWN}
     */
    default void taskReceived(long sentTimestampMillis) {
    }

    /** The task ledger decided what this delivery does. */
    default void taskClaimed(TaskClaim.Status status) {
    }

    /**
     * A delivery ended with an answer or a decision not to answer: SUCCEEDED, FAILED, OUTPUT_TOO_LARGE,
     * INVALID_OUTPUT, RESENT (sent), TASK_CLOSED, INVALID_TOKEN (refused), HELD_ELSEWHERE, ALREADY_CLOSED, CLAIM_LOST
     * (nothing sent).
     *
     * @param error               the error name of a failure answer, else {@link #NO_ERROR}
     * @param sentTimestampMillis the message's SentTimestamp (so enqueue-to-answer is known), or {@link #UNKNOWN}
     * @param workNanos           from the claim to the answer, or {@link #UNKNOWN} when the delivery did no work
     */
    default void taskAnswered(SfnTaskOutcome outcome, String error, long sentTimestampMillis, long workNanos) {
    }

    /**
     * Step Functions accepted a failure answer (FAILED, OUTPUT_TOO_LARGE, INVALID_OUTPUT), told besides
     * {@link #taskAnswered} so a listener can show the last failures (the runtime's status page).
     *
     * @param tokenFingerprint {@link TaskTokens#fingerprint} of the token; the token itself is never passed
     * @param cause            the cause as sent (up to 32,768 characters); a listener that keeps it should cut it
     */
    default void taskFailed(String tokenFingerprint, SfnTaskOutcome outcome, String error, String cause) {
    }

    default void heartbeat(Heartbeat result) {
    }

    /** A running task's message was kept hidden for another visibility timeout ({@code ok}), or that call failed. */
    default void visibilityExtended(boolean ok) {
    }

    default void handedBack(HandBack reason) {
    }

    /** A call ({@code "SendTaskSuccess"}, {@code "SQS DeleteMessage"}, ...) was throttled and is tried again. */
    default void throttledRetry(String call) {
    }

    /** A call waited {@code waitNanos} for a client-side rate limit ({@code limit}: "send-task", "start-execution"). */
    default void rateLimitWaited(String limit, long waitNanos) {
    }

    /**
     * These events as told by one worker (its route id): a listener that keeps workers apart returns a view of its
     * own for each route, the same one every time. By default this listener itself.
     */
    default TaskEvents forWorker(String routeId) {
        return this;
    }

    /** A worker of {@link #forWorker this view} started; {@code load} can be read until {@link #workerStopped}. */
    default void workerStarted(WorkerLoad load) {
    }

    /** The worker of this view stopped (its route stopped, was removed or reloaded). */
    default void workerStopped() {
    }

    static TaskEvents orNone(TaskEvents events) {
        return events != null ? events : NONE;
    }

    /** The one listener bound in the registry, else {@link #NONE}. */
    static TaskEvents lookup(CamelContext camelContext) {
        return orNone(camelContext.getRegistry().findSingleByType(TaskEvents.class));
    }
}
