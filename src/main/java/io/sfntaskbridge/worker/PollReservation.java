package io.sfntaskbridge.worker;

/**
 * The permits one poll reserved before its receive, and what became of them: each received message that reaches the
 * route takes one for its task, permits for messages that did not come go back as soon as the batch size is known,
 * and whatever is left when the poll ends goes back too. Used by one polling thread at a time.
 */
final class PollReservation {

    private final TaskPermits permits;
    private int reserved;
    private int admitted;

    PollReservation(TaskPermits permits, int reserved) {
        this.permits = permits;
        this.reserved = reserved;
    }

    /** The receive brought {@code received} messages: the permits beyond those are not needed. */
    void trimTo(int received) {
        if (received < reserved) {
            permits.release(reserved - received, ReleaseReason.NOT_RECEIVED);
            reserved = received;
        }
    }

    /** One received message starts as a task and takes one reserved permit along. */
    void admit() {
        if (admitted == reserved) {
            throw new IllegalStateException("more tasks admitted than permits reserved (" + reserved + ") for this poll");
        }
        admitted++;
        permits.taskStarted();
    }

    /** The poll ended: permits of messages that were received but never admitted go back. */
    void finish(int received) {
        trimTo(received);
        permits.release(reserved - admitted, ReleaseReason.NOT_PROCESSED);
        reserved = admitted;
    }

    /** The receive failed: every permit not taken by a task goes back. */
    void abandon() {
        permits.release(reserved - admitted, ReleaseReason.POLL_FAILED);
        reserved = admitted;
    }
}
