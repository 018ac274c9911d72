package io.sfntaskbridge.worker;

/** Why a permit of the {@link TaskPermits} went back; each reason is counted, so leaks and waste are visible. */
public enum ReleaseReason {
    /** Reserved for a receive that returned fewer messages than it could have. */
    NOT_RECEIVED,
    /** The receive itself failed, so nothing arrived. */
    POLL_FAILED,
    /** Received but never handed to the route (the consumer was stopping mid-batch); SQS redelivers it. */
    NOT_PROCESSED,
    /** The task's exchange completed: answered, or deliberately left for redelivery by a handled path. */
    COMPLETED,
    /** The task's exchange failed: no answer was sent, the message stays for redelivery. */
    FAILED
}
