package io.sfntaskbridge.worker;

/** Why a permit of the {@link TaskPermits} went back; each reason is counted, so leaks and waste are visible. */
public enum ReleaseReason {
    /** Reserved for a receive that returned fewer messages than it could have. */
    NOT_RECEIVED,
    /** The receive itself failed, so nothing arrived. */
    POLL_FAILED,
    /** Received but never started: the worker was draining, so the task went back at once. */
    NOT_PROCESSED,
    /** The task was settled: answered, closed, or deliberately left to another delivery. */
    COMPLETED,
    /** No answer could be sent (AWS or the ledger unreachable): the task goes back for a later delivery. */
    FAILED
}
