package io.sfntaskbridge.task;

import io.sfntaskbridge.aws.AwsRetry;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

import static org.assertj.core.api.Assertions.assertThat;

class FaultLogTest {

    private final RecordingLogger logger = new RecordingLogger();
    private Instant now = Instant.parse("2026-11-25T10:00:00Z");
    private final FaultLog faults = new FaultLog(logger, new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    private static SdkClientException refused() {
        return SdkClientException.create("Unable to execute HTTP request: Connection refused",
                new ConnectException("Connection refused"));
    }

    @Test
    void anOutageLogsOneWarningThenOneRecoveryLineWithTheCount() {
        for (int i = 0; i < 500; i++) {
            faults.failed("SQS ReceiveMessage", refused());
        }
        now = now.plusSeconds(15);
        faults.succeeded("SQS ReceiveMessage");
        faults.succeeded("SQS ReceiveMessage");

        assertThat(logger.lines).containsExactly(
                "WARN SQS ReceiveMessage failing: SdkClientException: Unable to execute HTTP request: Connection refused"
                + " (cause: ConnectException: Connection refused); further failures are counted until it works again",
                "INFO SQS ReceiveMessage works again after 500 failures in 15 s");
    }

    @Test
    void aLongOutageRemindsOncePerMinute() {
        faults.failed("SendTaskHeartbeat", refused());
        for (int second = 1; second <= 150; second++) {
            now = now.plusSeconds(1);
            faults.failed("SendTaskHeartbeat", refused());
        }

        assertThat(logger.lines).hasSize(3);
        assertThat(logger.lines.get(1)).startsWith("WARN SendTaskHeartbeat still failing after 61 failures in 60 s");
        assertThat(logger.lines.get(2)).startsWith("WARN SendTaskHeartbeat still failing after 121 failures in 120 s");
    }

    @Test
    void kindsAreCountedApartAndSuccessWithoutFailureIsSilent() {
        faults.succeeded("SQS DeleteMessage");
        faults.failed("SQS DeleteMessage", new IOException("reset"));
        faults.failed("SendTaskSuccess", new IOException("reset"));

        assertThat(logger.lines).hasSize(2);
        assertThat(faults.isFailing("SQS DeleteMessage")).isTrue();
        faults.succeeded("SQS DeleteMessage");
        assertThat(faults.isFailing("SQS DeleteMessage")).isFalse();
        assertThat(faults.isFailing("SendTaskSuccess")).isTrue();
    }

    @Test
    void summaryIsOneBoundedLine() {
        String summary = FaultLog.summary(new IllegalStateException("first line\nsecond line " + "x".repeat(500)));

        assertThat(summary).isEqualTo("IllegalStateException: first line");
        assertThat(FaultLog.summary(new IllegalStateException("y".repeat(1000)))).hasSizeLessThan(310);
    }

    @Test
    void retryGivesUpAfterItsAttemptsAndLeavesClosedTasksAlone() {
        AwsRetry retry = new AwsRetry(3, Duration.ofMillis(1), Duration.ofMillis(2), faults);
        int[] calls = {0};

        assertThat(retry.call("SendTaskSuccess", () -> {
            if (++calls[0] < 3) {
                throw refused();
            }
            return "ok";
        })).isEqualTo("ok");
        assertThat(calls[0]).isEqualTo(3);
        assertThat(logger.lines).last().asString().startsWith("INFO SendTaskSuccess works again after 2 failures");

        calls[0] = 0;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> retry.run("SendTaskSuccess", () -> {
            calls[0]++;
            throw software.amazon.awssdk.services.sfn.model.TaskTimedOutException.builder().message("closed").build();
        })).isInstanceOf(software.amazon.awssdk.services.sfn.model.TaskTimedOutException.class);
        assertThat(calls[0]).as("a closed task is not retried").isEqualTo(1);
    }
}
