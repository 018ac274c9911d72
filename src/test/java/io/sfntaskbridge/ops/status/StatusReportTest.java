package io.sfntaskbridge.ops.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfntaskbridge.ops.WorkerView;
import io.sfntaskbridge.ops.metrics.BridgeMetrics;
import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.task.TaskEvents;
import io.sfntaskbridge.task.TaskTokens;
import io.sfntaskbridge.worker.QueueSource;
import io.sfntaskbridge.worker.ReleaseReason;
import io.sfntaskbridge.worker.TaskPermits;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatusReportTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BridgeMetrics metrics = new BridgeMetrics(registry);
    private final RecentFailures failures = new RecentFailures(3, CLOCK);
    private final AnswerRate rate = new AnswerRate(null, () -> StatusReport.answersSent(registry), Duration.ofSeconds(10), 4);

    @Test
    void answerRateKeepsPerBucketAnswersOfTheLastBucketsOnlyOverEveryWorker() {
        rate.sample(); // the starting total
        assertThat(rate.window().filled()).isZero();
        for (int bucket = 1; bucket <= 6; bucket++) {
            for (int i = 0; i < bucket * 10; i++) {
                metrics.forWorker(i % 2 == 0 ? "erp-worker" : "crm-worker").taskAnswered(SfnTaskOutcome.SUCCEEDED,
                        TaskEvents.NO_ERROR, TaskEvents.UNKNOWN, TaskEvents.UNKNOWN);
            }
            metrics.forWorker("erp-worker").taskAnswered(SfnTaskOutcome.HELD_ELSEWHERE, TaskEvents.NO_ERROR,
                    TaskEvents.UNKNOWN, TaskEvents.UNKNOWN);
            rate.sample();
        }
        AnswerRate.Window window = rate.window();
        assertThat(window.perSecond()).containsExactly(3, 4, 5, 6); // 30..60 answers per 10 s, HELD_ELSEWHERE not counted
        assertThat(window.answers()).isEqualTo(180);
    }

    @Test
    void lastFailuresKeepTheNewestWithTheirRouteAFingerprintAndACutCause() {
        metrics.tellFailuresTo(failures);
        for (int i = 0; i < 5; i++) {
            metrics.forWorker("erp-worker").taskFailed(TaskTokens.fingerprint("token-" + i), SfnTaskOutcome.FAILED,
                    "Bridge.TaskFailed", "x".repeat(1000));
        }
        List<RecentFailures.Failure> kept = failures.newestFirst();
        assertThat(kept).hasSize(3);
        assertThat(kept.get(0).token()).isEqualTo(TaskTokens.fingerprint("token-4"));
        assertThat(kept.get(0).route()).isEqualTo("erp-worker");
        assertThat(kept.get(0).cause()).hasSize(RecentFailures.CAUSE_CHARS).endsWith("[truncated]");
    }

    @Test
    void theReportHasARowPerWorkerFromItsMetersItsCapAndItsQueue() throws Exception {
        metrics.tellFailuresTo(failures);
        TaskEvents erp = metrics.forWorker("erp-worker");
        TaskEvents crm = metrics.forWorker("crm-worker");
        erp.taskReceived(TaskEvents.UNKNOWN);
        crm.taskReceived(TaskEvents.UNKNOWN);
        erp.taskAnswered(SfnTaskOutcome.SUCCEEDED, TaskEvents.NO_ERROR, TaskEvents.UNKNOWN, TaskEvents.UNKNOWN);
        crm.taskAnswered(SfnTaskOutcome.FAILED, "Bridge.Timeout", TaskEvents.UNKNOWN, TaskEvents.UNKNOWN);
        crm.taskFailed("token#abcdef12(len=9)", SfnTaskOutcome.FAILED, "Bridge.Timeout", "read timed out");
        TaskPermits erpPermits = new TaskPermits(5);
        erpPermits.reserveUpTo(1, Duration.ZERO);
        erpPermits.taskStarted();
        TaskPermits crmPermits = new TaskPermits(20);
        crmPermits.reserveUpTo(3, Duration.ZERO);
        for (int i = 0; i < 3; i++) {
            crmPermits.taskStarted();
        }
        crmPermits.taskFinished(ReleaseReason.COMPLETED);
        QueueSource erpQueue = new QueueSource(null, null, "http://localhost:4566/000000000000/erp-q", 10, 5, 60, "",
                () -> { });
        Gauge.builder("sfn.bridge.queue.messages", () -> 7.0).tag("routeId", "erp-worker").tag("queue", "work")
                .tag("state", "visible").strongReference(true).register(registry);
        List<WorkerView> workers = List.of(
                new WorkerView("erp-worker", "queue erp-q", ServiceStatus.Started, erpPermits, erpQueue, false, false, false),
                new WorkerView("crm-worker", "activity crm", ServiceStatus.Started, crmPermits, null, true, false, false),
                new WorkerView("idle-worker", "queue idle", ServiceStatus.Stopped, null, null, false, false, false));
        StatusReport report = new StatusReport(registry, () -> workers, () -> null, rate, failures, CLOCK);

        Map<String, Object> read = report.read();
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(read));
        assertThat(json.path("at").asText()).isEqualTo("2025-01-02T03:04:05Z");
        assertThat(json.path("inFlight").path("tasks").asInt()).as("over the running workers").isEqualTo(3);
        assertThat(json.path("inFlight").path("limit").asInt()).isEqualTo(25);
        assertThat(json.path("workers")).hasSize(3);
        assertThat(json.path("workers").get(0).path("route").asText()).isEqualTo("erp-worker");
        assertThat(json.path("workers").get(0).path("tasks").asInt()).isEqualTo(1);
        assertThat(json.path("workers").get(0).path("state").asText()).isEqualTo("working");
        assertThat(json.path("workers").get(1).path("max").asInt()).isEqualTo(3);
        assertThat(json.path("workers").get(1).path("state").asText()).isEqualTo("draining");
        assertThat(json.path("workers").get(2).path("tasks").isNull()).as("not running").isTrue();
        assertThat(json.path("workers").get(2).path("state").asText()).isEqualTo("Stopped");
        assertThat(json.path("received").asInt()).isEqualTo(2);
        assertThat(json.path("answered").asInt()).isEqualTo(2);
        assertThat(json.path("outcomes")).hasSize(2);
        assertThat(json.path("outcomes").get(0).path("route").asText()).isEqualTo("crm-worker");
        assertThat(json.path("outcomes").get(0).path("outcome").asText()).isEqualTo("FAILED");
        assertThat(json.path("outcomes").get(0).path("error").asText()).isEqualTo("Bridge.Timeout");
        assertThat(json.path("failures").get(0).path("route").asText()).isEqualTo("crm-worker");
        assertThat(json.path("failures").get(0).path("token").asText()).isEqualTo("token#abcdef12(len=9)");
        assertThat(json.path("failures").get(0).path("cause").asText()).isEqualTo("read timed out");
        assertThat(json.path("queues")).as("queue workers only").hasSize(1);
        JsonNode queue = json.path("queues").get(0);
        assertThat(queue.path("route").asText()).isEqualTo("erp-worker");
        assertThat(queue.path("work").path("name").asText()).isEqualTo("erp-q");
        assertThat(queue.path("work").path("visible").asInt()).isEqualTo(7);
        assertThat(queue.path("work").path("notVisible").isNull()).as("not sampled").isTrue();
        assertThat(queue.path("dlq").isNull()).as("not looked up yet").isTrue();
        assertThat(json.path("reload").isNull()).isTrue();
        assertThat(json.path("rate").path("lastMinutePerSecond").isNull()).isTrue();
    }
}
