package io.sfntaskbridge.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.sfntaskbridge.task.FaultLog;
import io.sfntaskbridge.task.TaskLedgerException;
import io.sfntaskbridge.task.TaskSlots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's side of its cap across instances ({@link TaskSlots}, option {@code globalConcurrency}): slots are taken
 * with a receive's local permits, before the receive, so an instance that finds none does not receive; each task
 * holds one until it is settled or handed back. While the slot store is unreachable no task starts, and that is logged
 * once.
 */
final class GlobalSlots {

    /** When every slot is taken, a poll waits this long before giving up its turn, so idle polls do not hammer the store. */
    static final Duration FULL_WAIT = Duration.ofMillis(250);
    private static final Logger LOG = LoggerFactory.getLogger(GlobalSlots.class);

    private final TaskSlots slots;
    private final String kind;
    private final FaultLog faults = new FaultLog(LOG);

    GlobalSlots(TaskSlots slots, String routeId) {
        this.slots = slots;
        this.kind = "Concurrency slots of " + routeId + " (globalConcurrency)";
    }

    /** Up to {@code count} slots; none (after a short wait, so the poll is skipped without spinning) when all are taken. */
    List<String> take(int count) throws InterruptedException {
        List<String> taken;
        try {
            taken = slots.acquire(count);
            faults.succeeded(kind);
        } catch (TaskLedgerException e) {
            faults.failed(kind, e);
            taken = List.of();
        }
        if (taken.isEmpty()) {
            Thread.sleep(FULL_WAIT.toMillis());
        }
        return new ArrayList<>(taken);
    }

    void giveBack(List<String> claims) {
        claims.forEach(claim -> hold(claim).release());
    }

    int capacity() {
        return slots.capacity();
    }

    boolean isFailing() {
        return faults.isFailing(kind);
    }

    /** One task's slot: given back once, when it is settled or handed back, whichever comes first. */
    Hold hold(String claim) {
        return new Hold(claim);
    }

    final class Hold {

        private final String claim;
        private final AtomicBoolean released = new AtomicBoolean();

        private Hold(String claim) {
            this.claim = claim;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                try {
                    slots.release(claim);
                } catch (TaskLedgerException e) {
                    // Its lease runs out by itself; the slot is only late to come back.
                    faults.failed(kind, e);
                }
            }
        }
    }
}
