package io.sfntaskbridge.component;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Step Functions task-token call an {@code sfn-task} endpoint makes. Constants are lowercase so that the URI reads
 * {@code sfn-task:success}.
 */
public enum SfnTaskAction {

    /**
     * Claims the task token in the ledger before the work. When the work must not run (another delivery holds it,
     * its answer is stored, or it is closed), the claim settles this delivery itself and stops the route.
     */
    claim,
    /** SendTaskSuccess with the message body as the task output. */
    success,
    /** SendTaskFailure with an error name and cause taken from headers or from the caught exception. */
    failure,
    /** SendTaskHeartbeat, to keep a task with a HeartbeatSeconds setting alive. */
    heartbeat;

    /**
     * Parses the path of an {@code sfn-task:action} URI.
     *
     * @throws IllegalArgumentException naming the valid actions when {@code path} is not one of them
     */
    public static SfnTaskAction fromPath(String path) {
        String candidate = path == null ? "" : path.trim().toLowerCase(Locale.ROOT);
        for (SfnTaskAction action : values()) {
            if (action.name().equals(candidate)) {
                return action;
            }
        }
        throw new IllegalArgumentException(
                "Unknown sfn-task action '" + path + "'; valid actions are: " + validActions());
    }

    private static String validActions() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
