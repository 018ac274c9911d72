package io.sfntaskbridge.component;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an {@code sfn-task} endpoint does. Constants are lowercase so that URIs read {@code sfn-task:queue:orders} and
 * {@code sfn-task:success}.
 */
public enum SfnTaskAction {

    /** A worker on an SQS work queue: {@code sfn-task:queue:<queue name or URL>}. */
    queue,
    /** A worker on a Step Functions activity: {@code sfn-task:activity:<activity name or ARN>}. */
    activity,
    /** SendTaskSuccess with the message body as the task output. */
    success,
    /** SendTaskFailure with an error name and cause taken from headers or from the caught exception. */
    failure,
    /** SendTaskHeartbeat, to keep a task with a HeartbeatSeconds setting alive. */
    heartbeat;

    /** Whether endpoints of this action consume (workers) rather than produce. */
    public boolean isWorker() {
        return this == queue || this == activity;
    }

    /**
     * Parses the first part of an {@code sfn-task:action[:name]} URI path.
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
        throw new IllegalArgumentException("Unknown sfn-task action '" + path + "'; valid actions are: "
                                           + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
