package io.sfntaskbridge.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The working slots behind a waiting room ({@code bridge.worker.waiting-room}): tasks received beyond them wait,
 * kept alive, first come first served, and each holds a slot until its exchange completes.
 * <p>
 * A drain {@link #close closes} the room: the tasks still waiting are given to the drain, which hands them back to the
 * queue at once, and none of them starts its work any more (another delivery does it). Whether a task got a slot or
 * was given to the drain is decided by who takes it out of the waiting set first, so it is always one or the other.
 */
final class WaitingRoom {

    private static final long CHECK_MILLIS = 100;

    private final Semaphore workSlots;
    private final Set<Exchange> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    WaitingRoom(int workSlots) {
        this.workSlots = new Semaphore(workSlots, true);
    }

    /**
     * Waits for a working slot, held until the exchange completes.
     *
     * @return false when the room was closed first: the task was given to the drain and must not start
     */
    boolean awaitTurn(Exchange exchange) throws InterruptedException {
        waiting.add(exchange);
        try {
            while (!closed) {
                if (workSlots.tryAcquire(CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                    if (!waiting.remove(exchange)) {
                        workSlots.release();
                        return false;
                    }
                    exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                        @Override
                        public void onDone(Exchange done) {
                            workSlots.release();
                        }
                    });
                    return true;
                }
            }
            return false;
        } finally {
            waiting.remove(exchange);
        }
    }

    /** Closes the room: no waiting task starts any more. Returns the tasks that were waiting, now the drain's. */
    List<Exchange> close() {
        closed = true;
        List<Exchange> given = new ArrayList<>();
        for (Exchange exchange : waiting) {
            if (waiting.remove(exchange)) {
                given.add(exchange);
            }
        }
        return given;
    }

    /** Opens the room again after a drain, for the tasks of the routes that poll next (a reload). */
    void reopen() {
        closed = false;
    }
}
