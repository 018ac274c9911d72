package io.sfntaskbridge.task;

import java.time.Duration;

/**
 * Remembers each task token, by its SHA-256 and never whole, so the work behind a token is done once however often
 * SQS delivers it. The {@code sfn-task} component consults it: {@code claim} before the work, the answer stored before
 * the SendTask* call, the record closed once Step Functions accepted the answer or said the task is closed. The worker's
 * keep-alive renews the lease; a hand-back releases it.
 * <p>
 * Implementations throw {@link TaskLedgerException} when their storage cannot be reached; no work may start then.
 */
public interface TaskLedger {

    /**
     * Claims the token for this delivery: a new record, or a take-over when the earlier claim's lease ran out.
     * Otherwise reports what became of the token (held elsewhere, answer stored, closed).
     */
    TaskClaim claim(String token);

    /**
     * Extends the lease of a claim this delivery holds.
     *
     * @return false when the claim is no longer held (released, taken over, answered, closed)
     */
    boolean renew(TaskClaim claim);

    /**
     * Stores the answer of a claim this delivery holds, before it is sent.
     *
     * @return false when the claim is no longer held: the answer must not be sent, another delivery owns the task
     */
    boolean storeAnswer(TaskClaim claim, TaskAnswer answer);

    /**
     * Claims a closed token again, for a delivery that found it closed while Step Functions still takes it (an
     * emulator that re-sends the same token when a Task state is retried).
     *
     * @return the new claim ({@link TaskClaim.Status#CLAIMED}), or what another delivery made of the token meanwhile
     */
    TaskClaim reopen(String token);

    /**
     * Step Functions accepted an answer for the token, or said the task is closed: later deliveries are deleted. This
     * instance knows at once; a ledger may defer writing it until {@link #flush}.
     */
    void close(String tokenHash, SfnTaskOutcome outcome);

    /**
     * Writes the closes deferred so far; the worker calls it before it deletes the messages of closed tasks. Never
     * throws: closes that cannot be written now stay deferred for the next flush, and the failure is logged once per
     * outage.
     */
    default void flush() {
    }

    /** Gives a held claim up at once (lease over), so the next delivery takes it over without waiting. */
    void release(TaskClaim claim);

    /** How long a claim holds a task without renewal; the worker renews it every third of this. */
    Duration lease();
}
