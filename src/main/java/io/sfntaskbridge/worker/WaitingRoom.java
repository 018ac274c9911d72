package io.sfntaskbridge.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The working slots of a worker ({@code concurrentConsumers}). Tasks received beyond them (option {@code waitingRoom})
 * wait here, kept alive, first come first served, and each holds its slot until {@link #leave}.
 * <p>
 * A drain {@link #close closes} the room: the tasks still waiting are given to the drain, which hands them back at
 * once, and none of them starts its work any more (another delivery does it). Whether a task got a slot or was given
 * to the drain is decided by who takes it out of the waiting set first, so it is always one or the other.
 */
final class WaitingRoom {

    private static final long CHECK_MILLIS = 100;

    private final Semaphore workSlots;
    private final Set<LiveTask> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    WaitingRoom(int workSlots) {
        this.workSlots = new Semaphore(workSlots, true);
    }

    /**
     * Waits for a working slot, held until {@link #leave}.
     *
     * @return false when the room was closed first: the task was given to the drain and must not start
     */
    boolean awaitTurn(LiveTask task) throws InterruptedException {
        if (workSlots.tryAcquire(0, TimeUnit.MILLISECONDS)) {
            if (!closed) {
                return true;
            }
            workSlots.release();
            return false;
        }
        waiting.add(task);
        try {
            while (!closed) {
                if (workSlots.tryAcquire(CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                    if (waiting.remove(task)) {
                        return true;
                    }
                    workSlots.release();
                    return false;
                }
            }
            return false;
        } finally {
            waiting.remove(task);
        }
    }

    /** The task's work is done: its slot is free for the next one. */
    void leave() {
        workSlots.release();
    }

    /** Closes the room: no waiting task starts any more. Returns the tasks that were waiting, now the drain's. */
    List<LiveTask> close() {
        closed = true;
        List<LiveTask> given = new ArrayList<>();
        for (LiveTask task : waiting) {
            if (waiting.remove(task)) {
                given.add(task);
            }
        }
        return given;
    }

    boolean isClosed() {
        return closed;
    }
}
