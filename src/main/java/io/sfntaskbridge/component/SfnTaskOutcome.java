package io.sfntaskbridge.component;

/**
 * What an {@code sfn-task} producer did with an exchange; set in header {@link SfnTaskConstants#OUTCOME} and counted
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
    INVALID_TOKEN
}
