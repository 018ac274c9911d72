package io.sfntaskbridge.ops.status;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.task.TaskEvents;
import io.sfntaskbridge.task.TextTruncation;

/**
 * The last {@code capacity} failure answers this instance sent, newest first, for the status page: when, the worker's
 * route, the token's fingerprint (never the token), the outcome, the error name and the cause cut to
 * {@value #CAUSE_CHARS} characters. Told by {@code bridgeMetrics} ({@link TaskEvents#taskFailed} of a worker's view,
 * {@link #forWorker}); nothing else of the task (no body) is kept.
 */
public final class RecentFailures implements TaskEvents {

    static final int CAUSE_CHARS = 300;

    /** One failure answer, as the page shows it. */
    public record Failure(Instant at, String route, String token, String outcome, String error, String cause) {
    }

    private final int capacity;
    private final Clock clock;
    private final Deque<Failure> failures;

    public RecentFailures(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.clock = clock;
        this.failures = new ArrayDeque<>(capacity);
    }

    @Override
    public TaskEvents forWorker(String routeId) {
        return new TaskEvents() {
            @Override
            public void taskFailed(String tokenFingerprint, SfnTaskOutcome outcome, String error, String cause) {
                add(routeId, tokenFingerprint, outcome, error, cause);
            }
        };
    }

    @Override
    public void taskFailed(String tokenFingerprint, SfnTaskOutcome outcome, String error, String cause) {
        add(null, tokenFingerprint, outcome, error, cause);
    }

    private void add(String routeId, String tokenFingerprint, SfnTaskOutcome outcome, String error, String cause) {
        Failure failure = new Failure(clock.instant(), routeId, tokenFingerprint, outcome == null ? null : outcome.name(), error,
                cause == null ? "" : TextTruncation.truncate(cause, CAUSE_CHARS));
        synchronized (failures) {
            if (failures.size() == capacity) {
                failures.removeLast();
            }
            failures.addFirst(failure);
        }
    }

    /** The kept failures, newest first. */
    public List<Failure> newestFirst() {
        synchronized (failures) {
            return new ArrayList<>(failures);
        }
    }
}
