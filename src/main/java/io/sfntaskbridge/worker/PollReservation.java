package io.sfntaskbridge.worker;

import java.util.ArrayList;
import java.util.List;

/**
 * The permits one poll reserved before its receive, and what became of them: each received message that reaches the
 * route takes one for its task, permits for messages that did not come go back as soon as the batch size is known,
 * and whatever is left when the poll ends goes back too. Used by one polling thread at a time.
 */
final class PollReservation {

    private final TaskPermits permits;
    private final GlobalSlots globalSlots;
    // Claims of global slots taken with the permits (none without a global cap); handed out one per admitted task.
    private final List<String> slotClaims;
    private int reserved;
    private int admitted;

    PollReservation(TaskPermits permits, int reserved) {
        this(permits, reserved, null, List.of());
    }

    PollReservation(TaskPermits permits, int reserved, GlobalSlots globalSlots, List<String> slotClaims) {
        this.permits = permits;
        this.reserved = reserved;
        this.globalSlots = globalSlots;
        this.slotClaims = new ArrayList<>(slotClaims);
    }

    /** The receive brought {@code received} messages: the permits beyond those are not needed. */
    void trimTo(int received) {
        if (received < reserved) {
            permits.release(reserved - received, ReleaseReason.NOT_RECEIVED);
            reserved = received;
            giveBackSlotsBeyond(received - admitted);
        }
    }

    /**
     * One received message starts as a task and takes one reserved permit along.
     *
     * @return its global slot, or null without a global cap
     */
    GlobalSlots.Hold admit() {
        if (admitted == reserved) {
            throw new IllegalStateException("more tasks admitted than permits reserved (" + reserved + ") for this poll");
        }
        admitted++;
        permits.taskStarted();
        return slotClaims.isEmpty() ? null : globalSlots.hold(slotClaims.remove(0));
    }

    /** The poll ended: permits of messages that were received but never admitted go back. */
    void finish(int received) {
        trimTo(received);
        permits.release(reserved - admitted, ReleaseReason.NOT_PROCESSED);
        reserved = admitted;
        giveBackSlotsBeyond(0);
    }

    /** The receive failed: every permit not taken by a task goes back. */
    void abandon() {
        permits.release(reserved - admitted, ReleaseReason.POLL_FAILED);
        reserved = admitted;
        giveBackSlotsBeyond(0);
    }

    private void giveBackSlotsBeyond(int keep) {
        while (slotClaims.size() > Math.max(0, keep)) {
            globalSlots.giveBack(List.of(slotClaims.remove(slotClaims.size() - 1)));
        }
    }
}
