package io.sfntaskbridge.worker;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.sfntaskbridge.task.WorkerLoad;

/**
 * The hard cap on tasks in flight in this instance: {@code limit} permits. A permit is taken before a message can be
 * received and returned when its task is done, or earlier when the receive brought nothing for it. Nothing here knows
 * Camel, so the accounting is testable on its own.
 */
public final class TaskPermits implements WorkerLoad {

    private final int limit;
    // Fair, so a poller waiting for several permits is not overtaken forever by pollers that need fewer.
    private final Semaphore available;
    private final AtomicInteger tasksInFlight = new AtomicInteger();
    private final AtomicInteger maxTasksInFlight = new AtomicInteger();
    private final Map<ReleaseReason, LongAdder> releases = new EnumMap<>(ReleaseReason.class);

    public TaskPermits(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the task limit must be at least 1, was " + limit);
        }
        this.limit = limit;
        this.available = new Semaphore(limit, true);
        for (ReleaseReason reason : ReleaseReason.values()) {
            releases.put(reason, new LongAdder());
        }
    }

    /**
     * Takes between 1 and {@code max} permits for one receive: waits at most {@code wait} for the first, and takes the
     * others only if they are free at once, so a receive never waits for more tasks than it can start.
     *
     * @return how many were taken; 0 when none became free in time
     */
    public int reserveUpTo(int max, Duration wait) throws InterruptedException {
        if (!available.tryAcquire(1, wait.toNanos(), TimeUnit.NANOSECONDS)) {
            return 0;
        }
        int taken = 1;
        while (taken < Math.min(max, limit) && available.tryAcquire()) {
            taken++;
        }
        return taken;
    }

    /** Returns reserved permits that no task took. */
    public void release(int count, ReleaseReason reason) {
        if (count > 0) {
            releases.get(reason).add(count);
            available.release(count);
        }
    }

    /** A reserved permit now belongs to a task being processed. */
    public void taskStarted() {
        int now = tasksInFlight.incrementAndGet();
        maxTasksInFlight.accumulateAndGet(now, Math::max);
    }

    /** The task is done and its permit goes back. */
    public void taskFinished(ReleaseReason reason) {
        tasksInFlight.decrementAndGet();
        release(1, reason);
    }

    @Override
    public int limit() {
        return limit;
    }

    /** Tasks received and not yet settled. */
    @Override
    public int tasksInFlight() {
        return tasksInFlight.get();
    }

    /** The highest {@link #tasksInFlight()} since start; never above {@link #limit()}. */
    @Override
    public int maxTasksInFlight() {
        return maxTasksInFlight.get();
    }

    /** Permits taken: tasks in flight plus those reserved for receives under way. */
    public int permitsHeld() {
        return limit - available.availablePermits();
    }

    /** Permits reserved by receives that have not yet handed their messages to the route. */
    @Override
    public int receivesUnderWay() {
        return Math.max(0, permitsHeld() - tasksInFlight());
    }

    public long released(ReleaseReason reason) {
        return releases.get(reason).sum();
    }

    /**
     * One line for logs, e.g. {@code in flight 3/5 (max 5), reserved by receives under way 2, released COMPLETED=120
     * ...}. Tasks in flight are only the tasks the route holds; permits that polls reserved while they wait for a
     * receive (a long poll holds its permit for up to its wait time) are counted apart, never as tasks.
     */
    public String summary() {
        StringBuilder line = new StringBuilder(taskSummary()).append(", reserved by receives under way ")
                .append(receivesUnderWay()).append(", released");
        releases.forEach((reason, count) -> line.append(' ').append(reason).append('=').append(count.sum()));
        return line.toString();
    }

    /**
     * What the tasks did, without the receives: {@code in flight 3/5 (max 5), finished COMPLETED=120 FAILED=2}. It
     * changes only when a task starts or ends, not with every empty poll.
     */
    public String taskSummary() {
        return "in flight " + tasksInFlight() + "/" + limit + " (max " + maxTasksInFlight() + "), finished "
               + ReleaseReason.COMPLETED + "=" + released(ReleaseReason.COMPLETED) + " " + ReleaseReason.FAILED + "="
               + released(ReleaseReason.FAILED);
    }
}
