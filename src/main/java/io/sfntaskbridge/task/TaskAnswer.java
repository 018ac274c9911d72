package io.sfntaskbridge.task;

/**
 * One answer to a task, as it goes to Step Functions: SendTaskSuccess with {@code output}, or SendTaskFailure with
 * {@code error} and {@code cause}. Already checked and cut to the API's limits, so a stored answer can be sent again
 * exactly as it was.
 *
 * @param kind   which call
 * @param output JSON output of a success, null for a failure
 * @param error  error name of a failure (at most 256 characters), null for a success
 * @param cause  cause of a failure (at most 32768 characters), null for a success
 */
public record TaskAnswer(Kind kind, String output, String error, String cause) {

    public enum Kind {
        SUCCESS,
        FAILURE
    }

    public static TaskAnswer success(String output) {
        return new TaskAnswer(Kind.SUCCESS, output, null, null);
    }

    public static TaskAnswer failure(String error, String cause) {
        return new TaskAnswer(Kind.FAILURE, null, error, cause);
    }

    /** The error name of a failure, else {@link TaskEvents#NO_ERROR}: the {@code error} tag of answer metrics. */
    public String errorName() {
        return kind == Kind.FAILURE && error != null ? error : TaskEvents.NO_ERROR;
    }

    /** Never the output or the cause: they may carry business data. */
    @Override
    public String toString() {
        return kind == Kind.SUCCESS ? "SUCCESS(" + output.length() + " chars)" : "FAILURE(" + error + ")";
    }
}
