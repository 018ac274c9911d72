package io.sfntaskbridge.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.sfntaskbridge.component.FaultLog;
import io.sfntaskbridge.component.TaskLedgerException;
import io.sfntaskbridge.component.TaskSlots;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's side of the cap across instances ({@link TaskSlots}, {@code bridge.worker.global-concurrency}): slots
 * are taken with a poll's local permits, before the receive, so an instance that finds none does not receive; each
 * task holds one until its exchange ends or it is handed back. While the slot store is unreachable no task starts, and
 * that is logged once.
 */
final class GlobalSlots {

    /** When every slot is taken, a poll waits this long before giving up its turn, so idle polls do not hammer the store. */
    static final Duration FULL_WAIT = Duration.ofMillis(250);
    private static final Logger LOG = LoggerFactory.getLogger(GlobalSlots.class);
    private static final String KIND = "Concurrency slots (bridge.worker.global-concurrency)";
    /** Exchange property holding a task's slot. */
    private static final String SLOT = "SfnTaskBridgeGlobalSlot";

    private final TaskSlots slots;
    private final FaultLog faults = new FaultLog(LOG);

    GlobalSlots(TaskSlots slots) {
        this.slots = slots;
    }

    /** Puts a task's slot on its exchange (nothing without a cap), for {@link #release}. */
    static void hold(Exchange exchange, Hold slot) {
        if (slot != null) {
            exchange.setProperty(SLOT, slot);
        }
    }

    /** Gives the task's slot back, if it holds one; also when the task is handed back before it ends. */
    static void release(Exchange exchange) {
        Hold slot = exchange.getProperty(SLOT, Hold.class);
        if (slot != null) {
            slot.release();
        }
    }

    /** The cap bound as {@code taskSlots} (see LedgerConfiguration), or null when there is none. */
    static GlobalSlots find(CamelContext context) {
        TaskSlots slots = context.getRegistry().lookupByNameAndType("taskSlots", TaskSlots.class);
        return slots == null ? null : new GlobalSlots(slots);
    }

    /** All {@code count} slots, or none (then after a short wait, so the poll is skipped without spinning). */
    List<String> take(int count) throws InterruptedException {
        List<String> taken;
        try {
            taken = slots.acquire(count);
            faults.succeeded(KIND);
        } catch (TaskLedgerException e) {
            faults.failed(KIND, e);
            taken = List.of();
        }
        if (taken.size() < count) {
            giveBack(taken);
            Thread.sleep(FULL_WAIT.toMillis());
            return List.of();
        }
        return new ArrayList<>(taken);
    }

    void giveBack(List<String> claims) {
        claims.forEach(claim -> hold(claim).release());
    }

    boolean isFailing() {
        return faults.isFailing(KIND);
    }

    /** One task's slot: given back once, at the end of its exchange or at its hand-back, whichever comes first. */
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
                    faults.failed(KIND, e);
                }
            }
        }
    }
}
