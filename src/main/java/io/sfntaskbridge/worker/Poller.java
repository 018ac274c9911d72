package io.sfntaskbridge.worker;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

import io.sfntaskbridge.task.FaultLog;

/**
 * One receive loop of a worker. Before each receive it takes as many permits as it may bring (at least one, at most
 * what is free at once, at most the source's receive size) and, with a cap across instances, as many global slots, so
 * no task is ever received without a place to run; then it receives and hands each task over with its permit and
 * slot. Permits and slots of tasks the receive did not bring go back at once. While receiving fails it pauses
 * {@code backoff} after each failure; each outage is logged once ({@link FaultLog}).
 */
final class Poller implements Runnable {

    /**
     * How long one turn waits for a permit before it looks again whether it should stop; short, so that stopping is
     * not held up.
     */
    static final Duration PERMIT_WAIT = Duration.ofMillis(500);

    private final TaskSource source;
    private final TaskPermits permits;
    private final GlobalSlots globalSlots;
    private final Duration backoff;
    private final BiConsumer<Delivery, GlobalSlots.Hold> accept;
    private final FaultLog faults;
    private final String kind;
    private volatile boolean polling = true;

    /**
     * @param globalSlots null without a cap across instances
     * @param accept      takes each received task with its slot (null without a cap); its permit is already counted
     */
    Poller(String routeId, TaskSource source, TaskPermits permits, GlobalSlots globalSlots, Duration backoff,
           BiConsumer<Delivery, GlobalSlots.Hold> accept, FaultLog faults) {
        this.source = source;
        this.permits = permits;
        this.globalSlots = globalSlots;
        this.backoff = backoff;
        this.accept = accept;
        this.faults = faults;
        this.kind = source.receiveCall() + " for " + routeId;
    }

    /** No new receive starts; one under way still brings its tasks. */
    void stopPolling() {
        polling = false;
    }

    boolean isReceiveFailing() {
        return faults.isFailing(kind);
    }

    @Override
    public void run() {
        while (polling && !Thread.currentThread().isInterrupted()) {
            try {
                pollOnce();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // Never ends the loop: logged once per outage like a failed receive, then tried again.
                faults.failed(kind, e);
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pollOnce() throws InterruptedException {
        int reserved = permits.reserveUpTo(source.maxPerReceive(), PERMIT_WAIT);
        if (reserved == 0) {
            return;
        }
        List<String> slots = List.of();
        if (globalSlots != null) {
            slots = globalSlots.take(reserved);
            if (slots.size() < reserved) {
                permits.release(reserved - slots.size(), ReleaseReason.NOT_RECEIVED);
                reserved = slots.size();
            }
            if (reserved == 0) {
                return;
            }
        }
        if (!polling) {
            permits.release(reserved, ReleaseReason.NOT_RECEIVED);
            globalSlots(slots, 0);
            return;
        }
        List<Delivery> received;
        try {
            received = source.receive(reserved);
            faults.succeeded(kind);
        } catch (RuntimeException e) {
            globalSlots(slots, 0);
            if (!polling) {
                // A receive the drain gave up on and cut short (interrupted): part of stopping, not an outage.
                permits.release(reserved, ReleaseReason.NOT_RECEIVED);
                return;
            }
            permits.release(reserved, ReleaseReason.POLL_FAILED);
            faults.failed(kind, e);
            pause();
            return;
        }
        permits.release(reserved - received.size(), ReleaseReason.NOT_RECEIVED);
        List<String> kept = globalSlots(slots, received.size());
        for (int i = 0; i < received.size(); i++) {
            permits.taskStarted();
            accept.accept(received.get(i), kept.isEmpty() ? null : globalSlots.hold(kept.get(i)));
        }
    }

    /** Gives back the slots beyond the first {@code keep}; returns those kept. */
    private List<String> globalSlots(List<String> slots, int keep) {
        if (slots.size() > keep) {
            globalSlots.giveBack(slots.subList(keep, slots.size()));
            return slots.subList(0, keep);
        }
        return slots;
    }
}
