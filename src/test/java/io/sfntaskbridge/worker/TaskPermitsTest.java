package io.sfntaskbridge.worker;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskPermitsTest {

    private final TaskPermits permits = new TaskPermits(3);

    @Test
    void aReceiveTakesWhatIsFreeUpToItsSizeAndNeverMoreThanTheLimit() throws Exception {
        assertThat(permits.reserveUpTo(2, Duration.ZERO)).isEqualTo(2);
        assertThat(permits.reserveUpTo(2, Duration.ZERO)).as("only one left").isEqualTo(1);
        assertThat(permits.reserveUpTo(1, Duration.ZERO)).as("none left").isZero();
        assertThat(permits.permitsHeld()).isEqualTo(3);
        permits.release(3, ReleaseReason.NOT_RECEIVED);
        assertThat(permits.reserveUpTo(10, Duration.ZERO)).as("a receive of 10 gets the 3 there are").isEqualTo(3);
    }

    @Test
    void tasksCountInFlightAndGiveTheirPermitBackWithAReason() throws Exception {
        permits.reserveUpTo(2, Duration.ZERO);
        permits.taskStarted();
        permits.taskStarted();
        permits.taskFinished(ReleaseReason.COMPLETED);

        assertThat(permits.tasksInFlight()).isEqualTo(1);
        assertThat(permits.maxTasksInFlight()).isEqualTo(2);
        assertThat(permits.permitsHeld()).isEqualTo(1);
        assertThat(permits.released(ReleaseReason.COMPLETED)).isEqualTo(1);
        assertThat(permits.summary()).startsWith("in flight 1/3 (max 2), finished COMPLETED=1 FAILED=0, reserved by"
                                                 + " receives under way 0, released");
    }

    @Test
    void permitsReservedByAWaitingPollAreNotReportedAsTasks() throws Exception {
        permits.reserveUpTo(1, Duration.ZERO);
        permits.taskStarted();
        permits.reserveUpTo(2, Duration.ZERO);
        String tasksBefore = permits.taskSummary();

        assertThat(permits.summary()).startsWith("in flight 1/3 (max 1)")
                .contains("reserved by receives under way 2");
        // The waiting polls come back empty: nothing about the tasks changed, so the report stays quiet.
        permits.release(2, ReleaseReason.NOT_RECEIVED);
        assertThat(permits.taskSummary()).isEqualTo(tasksBefore);
        assertThat(permits.summary()).contains("reserved by receives under way 0", "NOT_RECEIVED=2");
    }

    @Test
    void aWaitingReservationProceedsWhenATaskFinishes() throws Exception {
        permits.reserveUpTo(3, Duration.ZERO);
        permits.taskStarted();
        Thread finisher = new Thread(() -> permits.taskFinished(ReleaseReason.FAILED));
        finisher.start();

        assertThat(permits.reserveUpTo(1, Duration.ofSeconds(5))).isEqualTo(1);
        finisher.join();
        assertThat(permits.released(ReleaseReason.FAILED)).isEqualTo(1);
    }

    @Test
    void theLimitMustBePositive() {
        assertThatThrownBy(() -> new TaskPermits(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
