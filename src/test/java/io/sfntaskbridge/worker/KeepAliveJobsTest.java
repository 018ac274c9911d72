package io.sfntaskbridge.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first heartbeat of a task: its Task state's heartbeat clock started when Step Functions sent the message, so a
 * task that waited in the queue heartbeats at once instead of a whole interval (or a second) after pickup.
 */
class KeepAliveJobsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private final KeepAliveJobs jobs = new KeepAliveJobs(null, null, null, null, new WorkerSettings("worker", 1, 0, 60,
            20, true, 5, Duration.ofSeconds(20), Duration.ofSeconds(2), 10, "DEBUG", 0), Clock.fixed(NOW, ZoneOffset.UTC),
            null);

    @Test
    void taskPickedUpNearItsDeadlineHeartbeatsAtOnce() {
        // HeartbeatSeconds 30 (interval 10 s): it waited 21 s in the queue, its deadline is 9 s away
        assertThat(jobs.firstHeartbeatDelayMillis(NOW.minusSeconds(21).toEpochMilli(), 30, 10)).isZero();
        assertThat(jobs.firstHeartbeatDelayMillis(NOW.minusSeconds(20).toEpochMilli(), 30, 10)).isZero();
    }

    @Test
    void otherTasksHeartbeatAfterAboutASecondSoShortTasksNeedNone() {
        assertThat(jobs.firstHeartbeatDelayMillis(NOW.minusSeconds(12).toEpochMilli(), 30, 10)).isEqualTo(1000);
        assertThat(jobs.firstHeartbeatDelayMillis(NOW.minusMillis(300).toEpochMilli(), 30, 10)).isEqualTo(1000);
        assertThat(jobs.firstHeartbeatDelayMillis(0, 30, 10)).as("no SentTimestamp").isEqualTo(1000);
        assertThat(jobs.firstHeartbeatDelayMillis(NOW.minusSeconds(300).toEpochMilli(), null, 20))
                .as("no hint: no deadline known").isEqualTo(1000);
    }
}
