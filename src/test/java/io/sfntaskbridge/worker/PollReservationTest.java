package io.sfntaskbridge.worker;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PollReservationTest {

    private final TaskPermits permits = new TaskPermits(4);

    private PollReservation reserve(int count) throws InterruptedException {
        assertThat(permits.tryReserve(count, Duration.ZERO)).isTrue();
        return new PollReservation(permits, count);
    }

    @Test
    void permitsForMessagesThatDidNotComeGoBackBeforeTheTasksRun() throws Exception {
        PollReservation poll = reserve(4);

        poll.trimTo(1);
        poll.admit();

        assertThat(permits.released(ReleaseReason.NOT_RECEIVED)).isEqualTo(3);
        assertThat(permits.permitsHeld()).as("only the task's own").isEqualTo(1);
        assertThat(permits.tasksInFlight()).isEqualTo(1);
    }

    @Test
    void finishingAPollKeepsTheTasksPermitsAndReturnsTheRest() throws Exception {
        PollReservation poll = reserve(4);
        poll.trimTo(3);
        poll.admit();
        poll.admit();

        poll.finish(3);

        assertThat(permits.released(ReleaseReason.NOT_RECEIVED)).isEqualTo(1);
        assertThat(permits.released(ReleaseReason.NOT_PROCESSED)).as("received, never admitted").isEqualTo(1);
        assertThat(permits.permitsHeld()).isEqualTo(2);
    }

    @Test
    void anEmptyReceiveReturnsEverything() throws Exception {
        reserve(2).finish(0);

        assertThat(permits.released(ReleaseReason.NOT_RECEIVED)).isEqualTo(2);
        assertThat(permits.permitsHeld()).isZero();
    }

    @Test
    void aFailedReceiveReturnsWhatNoTaskTook() throws Exception {
        PollReservation poll = reserve(3);
        poll.admit();

        poll.abandon();

        assertThat(permits.released(ReleaseReason.POLL_FAILED)).isEqualTo(2);
        assertThat(permits.permitsHeld()).isEqualTo(1);
    }

    @Test
    void aTaskBeyondTheReservationIsRefused() throws Exception {
        PollReservation poll = reserve(1);
        poll.admit();

        assertThatThrownBy(poll::admit).isInstanceOf(IllegalStateException.class);
        assertThat(permits.tasksInFlight()).isEqualTo(1);
    }
}
