package io.sfntaskbridge.task;

/**
 * What an {@code sfn-task} producer did with an exchange; set in header {@code CamelSfnTaskOutcome} and counted
 * per endpoint.
 */
public enum SfnTaskOutcome {

    /** SendTaskSuccess was sent with the body as output. */
    SUCCEEDED,
    /** SendTaskFailure was sent. */
    FAILED,
    /** SendTaskHeartbeat was sent. */
    HEARTBEAT_SENT,
    /** The output exceeded maxOutputBytes, so SendTaskFailure with {@link SfnTaskErrors#OUTPUT_TOO_LARGE} was sent. */
    OUTPUT_TOO_LARGE,
    /** The body was not valid JSON, so SendTaskFailure with {@link SfnTaskErrors#INVALID_OUTPUT} was sent. */
    INVALID_OUTPUT,
    /** Step Functions answered TaskTimedOut: the task was already answered or has expired. */
    TASK_CLOSED,
    /** Step Functions answered InvalidToken: the token is malformed or belongs to no task. */
    INVALID_TOKEN,
    /** claim: another delivery of the token holds a live lease; this one does no work and goes back to the queue. */
    HELD_ELSEWHERE,
    /** claim: the token's answer was already accepted, or the task closed; this delivery is deleted, nothing else. */
    ALREADY_CLOSED,
    /** claim: the answer stored by an earlier delivery was sent again; the work was not repeated. */
    RESENT,
    /** success/failure: the claim was given up (hand-back on stop) or taken over meanwhile, so nothing was sent. */
    CLAIM_LOST;

    /** Whether the task needs nothing more from this delivery, so its message can be deleted. */
    public boolean settlesTask() {
        return this != HEARTBEAT_SENT && this != HELD_ELSEWHERE && this != CLAIM_LOST;
    }
}
