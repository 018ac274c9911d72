package io.sfntaskbridge.worker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The working slots of a worker ({@code concurrentConsumers}). Tasks received beyond them (option {@code waitingRoom})
 * wait here, kept alive, in the order they arrived, and each holds its slot until {@link #leave}.
 * <p>
 * A drain {@link #close closes} the room: the tasks still waiting are given to the drain, which hands them back at
 * once, and none of them starts its work any more (another delivery does it). Taking a slot and being given to the
 * drain happen under one lock, so a task is always one or the other.
 */
final class WaitingRoom {

    private final Deque<LiveTask> line = new ArrayDeque<>();
    private int free;
    private boolean closed;

    WaitingRoom(int workSlots) {
        this.free = workSlots;
    }

    /**
     * Waits for a working slot, held until {@link #leave}; the first in line gets the next free one.
     *
     * @return false when the room was closed first: the task was given to the drain and must not start
     */
    synchronized boolean awaitTurn(LiveTask task) throws InterruptedException {
        if (closed) {
            return false;
        }
        line.addLast(task);
        try {
            while (!closed && (free == 0 || line.peekFirst() != task)) {
                wait();
            }
            if (closed) {
                return false;
            }
            line.removeFirst();
            free--;
            // The next in line may find a slot too.
            notifyAll();
            return true;
        } finally {
            line.remove(task);
        }
    }

    /** The task's work is done: its slot is free for the next one. */
    synchronized void leave() {
        free++;
        notifyAll();
    }

    /** Closes the room: no waiting task starts any more. Returns the tasks that were waiting, now the drain's. */
    synchronized List<LiveTask> close() {
        closed = true;
        List<LiveTask> given = new ArrayList<>(line);
        line.clear();
        notifyAll();
        return given;
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
