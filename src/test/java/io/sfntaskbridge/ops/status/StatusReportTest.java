package io.sfntaskbridge.ops.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfntaskbridge.component.SfnTaskOutcome;
import io.sfntaskbridge.component.TaskEvents;
import io.sfntaskbridge.component.TaskTokens;
import io.sfntaskbridge.ops.metrics.BridgeMetrics;
import io.sfntaskbridge.worker.ConcurrencyGate;
import io.sfntaskbridge.worker.TaskPermits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatusReportTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BridgeMetrics metrics = new BridgeMetrics(registry);
    private final RecentFailures failures = new RecentFailures(3, CLOCK);
    private final AnswerRate rate = new AnswerRate(null, () -> StatusReport.answersSent(registry), Duration.ofSeconds(10), 4);

    @Test
    void answerRateKeepsPerBucketAnswersOfTheLastBucketsOnly() {
        rate.sample(); // the starting total
        assertThat(rate.window().filled()).isZero();
        for (int bucket = 1; bucket <= 6; bucket++) {
            for (int i = 0; i < bucket * 10; i++) {
                metrics.taskAnswered(SfnTaskOutcome.SUCCEEDED, TaskEvents.NO_ERROR, TaskEvents.UNKNOWN, TaskEvents.UNKNOWN);
            }
            metrics.taskAnswered(SfnTaskOutcome.HELD_ELSEWHERE, TaskEvents.NO_ERROR, TaskEvents.UNKNOWN, TaskEvents.UNKNOWN);
            rate.sample();
        }
        AnswerRate.Window window = rate.window();
        assertThat(window.perSecond()).containsExactly(3, 4, 5, 6); // 30..60 answers per 10 s, HELD_ELSEWHERE not counted
        assertThat(window.answers()).isEqualTo(180);
    }

    @Test
    void lastFailuresKeepTheNewestWithAFingerprintAndACutCause() {
        metrics.tellFailuresTo(failures);
        for (int i = 0; i < 5; i++) {
            metrics.taskFailed(TaskTokens.fingerprint("token-" + i), SfnTaskOutcome.FAILED, "Bridge.TaskFailed",
                    "x".repeat(1000));
        }
        List<RecentFailures.Failure> kept = failures.newestFirst();
        assertThat(kept).hasSize(3);
        assertThat(kept.get(0).token()).isEqualTo(TaskTokens.fingerprint("token-4"));
        assertThat(kept.get(0).cause()).hasSize(RecentFailures.CAUSE_CHARS).endsWith("[truncated]");
    }

    @Test
    void theReportReadsTheMetersTheGateAndTheQueues() throws Exception {
        metrics.tellFailuresTo(failures);
        metrics.taskReceived(TaskEvents.UNKNOWN);
        metrics.taskReceived(TaskEvents.UNKNOWN);
        metrics.taskAnswered(SfnTaskOutcome.SUCCEEDED, TaskEvents.NO_ERROR, TaskEvents.UNKNOWN, TaskEvents.UNKNOWN);
        metrics.taskAnswered(SfnTaskOutcome.FAILED, "Bridge.Timeout", TaskEvents.UNKNOWN, TaskEvents.UNKNOWN);
        metrics.taskFailed("token#abcdef12(len=9)", SfnTaskOutcome.FAILED, "Bridge.Timeout", "read timed out");
        TaskPermits permits = new TaskPermits(5);
        permits.tryReserve(1, Duration.ZERO);
        permits.taskStarted();
        io.micrometer.core.instrument.Gauge.builder("sfn.bridge.queue.messages", () -> 7.0).tag("queue", "work")
                .tag("state", "visible").strongReference(true).register(registry);
        StatusReport report = new StatusReport(registry, () -> new ConcurrencyGate(permits), () -> null, rate, failures,
                "work-q", null, CLOCK);

        Map<String, Object> read = report.read();
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(read));
        assertThat(json.path("at").asText()).isEqualTo("2025-01-02T03:04:05Z");
        assertThat(json.path("inFlight").path("tasks").asInt()).isEqualTo(1);
        assertThat(json.path("inFlight").path("limit").asInt()).isEqualTo(5);
        assertThat(json.path("received").asInt()).isEqualTo(2);
        assertThat(json.path("answered").asInt()).isEqualTo(2);
        assertThat(json.path("outcomes")).hasSize(2);
        assertThat(json.path("outcomes").get(0).path("outcome").asText()).isEqualTo("FAILED");
        assertThat(json.path("outcomes").get(0).path("error").asText()).isEqualTo("Bridge.Timeout");
        assertThat(json.path("failures").get(0).path("token").asText()).isEqualTo("token#abcdef12(len=9)");
        assertThat(json.path("failures").get(0).path("cause").asText()).isEqualTo("read timed out");
        assertThat(json.path("queues").path("work").path("name").asText()).isEqualTo("work-q");
        assertThat(json.path("queues").path("work").path("visible").asInt()).isEqualTo(7);
        assertThat(json.path("queues").path("work").path("notVisible").isNull()).as("not sampled").isTrue();
        assertThat(json.path("queues").path("dlq").isNull()).isTrue();
        assertThat(json.path("reload").isNull()).isTrue();
        assertThat(json.path("rate").path("lastMinutePerSecond").isNull()).isTrue();
    }
}
