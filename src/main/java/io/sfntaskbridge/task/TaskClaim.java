package io.sfntaskbridge.task;

/**
 * What a {@link TaskLedger} decided for one delivery of a task, kept in exchange property
 * {@code CamelSfnTaskClaim} for the rest of the exchange. Carries the token's SHA-256, never the token.
 *
 * @param tokenHash    SHA-256 of the task token, hex
 * @param status       what the delivery must do
 * @param claimId      the claim this delivery holds ({@link Status#CLAIMED}, {@link Status#TAKEN_OVER}), else null
 * @param leaseUntil   epoch millis until which the claim (this one's or another instance's) is held; 0 when none
 * @param storedAnswer the answer to send again ({@link Status#ANSWER_STORED}), else null
 */
public record TaskClaim(String tokenHash, Status status, String claimId, long leaseUntil, TaskAnswer storedAnswer) {

    public enum Status {
        /** First delivery: this delivery does the work. */
        CLAIMED,
        /** An earlier claim's lease ran out (its instance died or handed the task back): this delivery does the work. */
        TAKEN_OVER,
        /** Another delivery holds a live lease: no work; the message goes back until after the lease. */
        HELD_ELSEWHERE,
        /** The work was done and its answer stored, but not yet accepted: send that answer again, no work. */
        ANSWER_STORED,
        /** Step Functions accepted an answer or said the task is closed: delete the message, nothing else. */
        CLOSED
    }

    /** Whether this delivery is the one that does the work. */
    public boolean owned() {
        return status == Status.CLAIMED || status == Status.TAKEN_OVER;
    }
}
