package io.sfntaskbridge.worker;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * What one worker is told by its endpoint's options; checked here, so a bad value stops the route's start with a line
 * naming the option.
 *
 * @param routeId                   the worker's route, the name of its metrics, health details and log lines
 * @param concurrency               working slots: tasks whose work runs at once ({@code concurrentConsumers})
 * @param waitingRoom               tasks received beyond them, kept alive until a slot is free
 * @param visibilityTimeoutSeconds  how long a received message stays hidden; extended every half of it
 * @param heartbeatIntervalSeconds  SendTaskHeartbeat interval when the envelope has no hint
 * @param keepAlive                 false turns heartbeats, visibility extension and lease renewal off
 * @param retryDelaySeconds         after a task could not be answered, when its message is visible again
 * @param drainTimeout              on stop, time for tasks in flight to finish before they are handed back
 * @param receiveErrorBackoff       pause after a failed receive
 * @param leaseRenewSeconds         how often the ledger lease of a task is renewed
 * @param taskLogLevel              level of the one line per task (TRACE, DEBUG, INFO, WARN, ERROR or OFF)
 * @param inFlightLogIntervalSeconds how often the in-flight line is logged when it changed; 0 = never
 */
public record WorkerSettings(String routeId, int concurrency, int waitingRoom, int visibilityTimeoutSeconds,
        int heartbeatIntervalSeconds, boolean keepAlive, int retryDelaySeconds, Duration drainTimeout,
        Duration receiveErrorBackoff, int leaseRenewSeconds, String taskLogLevel, int inFlightLogIntervalSeconds) {

    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    public WorkerSettings {
        atLeast(routeId, "concurrentConsumers", concurrency, 1);
        atLeast(routeId, "waitingRoom", waitingRoom, 0);
        atLeast(routeId, "visibilityTimeout", visibilityTimeoutSeconds, 1);
        atLeast(routeId, "heartbeatIntervalSeconds", heartbeatIntervalSeconds, 1);
        atLeast(routeId, "retryDelaySeconds", retryDelaySeconds, 0);
        atLeast(routeId, "inFlightLogIntervalSeconds", inFlightLogIntervalSeconds, 0);
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException(routeId + ": drainTimeoutSeconds must be 0 or more, was "
                                               + drainTimeout.toSeconds());
        }
        taskLogLevel = taskLogLevel == null ? "DEBUG" : taskLogLevel.strip().toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(taskLogLevel)) {
            throw new IllegalArgumentException(routeId + ": taskLogLevel must be one of " + LEVELS + ", was "
                                               + taskLogLevel);
        }
    }

    private static void atLeast(String routeId, String option, int value, int least) {
        if (value < least) {
            throw new IllegalArgumentException(routeId + ": " + option + " must be " + least + " or more, was " + value);
        }
    }

    /** The hard cap on tasks held at once: working plus waiting. */
    public int limit() {
        return concurrency + waitingRoom;
    }
}
