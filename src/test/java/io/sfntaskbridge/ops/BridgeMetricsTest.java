package io.sfntaskbridge.ops;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.task.TaskClaim;
import io.sfntaskbridge.task.TaskEvents;
import io.sfntaskbridge.ops.metrics.BridgeMetrics;
import io.sfntaskbridge.ops.metrics.ReloadMetrics;
import io.sfntaskbridge.worker.TaskPermits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BridgeMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BridgeMetrics metrics = new BridgeMetrics(registry);
    private final TaskEvents erp = metrics.forWorker("erp-worker");

    private double counter(String name, String... tags) {
        return registry.get("sfn.bridge." + name).tags(tags).counter().count();
    }

    /** A counter of the erp-worker's. */
    private double erpCounter(String name, String... tags) {
        return registry.get("sfn.bridge." + name).tag("routeId", "erp-worker").tags(tags).counter().count();
    }

    @Test
    void everyOutcomeClaimStatusAndHandBackIsRegisteredAtZeroBeforeAnyTask() {
        for (SfnTaskOutcome outcome : SfnTaskOutcome.values()) {
            if (outcome != SfnTaskOutcome.HEARTBEAT_SENT) {
                assertThat(erpCounter("tasks.answered", "outcome", outcome.name(), "error", "none")).isZero();
            }
        }
        assertThat(registry.find("sfn.bridge.tasks.answered").tag("outcome", "HEARTBEAT_SENT").counter()).isNull();
        for (TaskClaim.Status status : TaskClaim.Status.values()) {
            assertThat(erpCounter("ledger.claims", "status", status.name())).isZero();
        }
        assertThat(erpCounter("tasks.handed.back", "reason", "drain")).isZero();
        assertThat(erpCounter("heartbeats", "result", "refused")).isZero();
        assertThat(registry.get("sfn.bridge.sfn.rate.limit.wait").tag("limit", "send-task").timer().count()).isZero();
    }

    @Test
    void answersCountByOutcomeAndErrorAndTimeTheQueueAndTheWork() {
        long sent = System.currentTimeMillis() - 2_000;
        erp.taskReceived(sent);
        erp.taskClaimed(TaskClaim.Status.CLAIMED);
        erp.taskAnswered(SfnTaskOutcome.SUCCEEDED, TaskEvents.NO_ERROR, sent, TimeUnit.MILLISECONDS.toNanos(300));
        erp.taskAnswered(SfnTaskOutcome.FAILED, "Bridge.InvalidInput", sent, TimeUnit.MILLISECONDS.toNanos(10));
        erp.taskAnswered(SfnTaskOutcome.FAILED, "Custom.Error", TaskEvents.UNKNOWN, TaskEvents.UNKNOWN);
        erp.taskAnswered(SfnTaskOutcome.HELD_ELSEWHERE, TaskEvents.NO_ERROR, sent, TaskEvents.UNKNOWN);

        assertThat(erpCounter("tasks.received")).isEqualTo(1);
        assertThat(erpCounter("ledger.claims", "status", "CLAIMED")).isEqualTo(1);
        assertThat(erpCounter("tasks.answered", "outcome", "SUCCEEDED", "error", "none")).isEqualTo(1);
        assertThat(erpCounter("tasks.answered", "outcome", "FAILED", "error", "Bridge.InvalidInput")).isEqualTo(1);
        assertThat(erpCounter("tasks.answered", "outcome", "FAILED", "error", "Custom.Error")).isEqualTo(1);
        assertThat(erpCounter("tasks.answered", "outcome", "HELD_ELSEWHERE", "error", "none")).isEqualTo(1);

        Timer enqueueToAnswer = registry.get("sfn.bridge.task.enqueue.to.answer").tag("routeId", "erp-worker").timer();
        assertThat(enqueueToAnswer.count()).as("only answers sent, with a SentTimestamp").isEqualTo(2);
        assertThat(enqueueToAnswer.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(2_000);
        Timer work = registry.get("sfn.bridge.task.work").tag("routeId", "erp-worker").timer();
        assertThat(work.count()).as("only deliveries that did work").isEqualTo(2);
        assertThat(work.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(310);
    }

    @Test
    void errorNamesBeyondTheLimitShareOneCounter() {
        for (int i = 0; i < 80; i++) {
            erp.taskAnswered(SfnTaskOutcome.FAILED, "Error." + i, TaskEvents.UNKNOWN, TaskEvents.UNKNOWN);
        }
        long failedCounters = registry.find("sfn.bridge.tasks.answered").tag("routeId", "erp-worker").tag("outcome", "FAILED").counters().size();
        assertThat(failedCounters).isLessThanOrEqualTo(51);
        assertThat(erpCounter("tasks.answered", "outcome", "FAILED", "error", "other")).isPositive();
        double total = registry.find("sfn.bridge.tasks.answered").tag("routeId", "erp-worker").tag("outcome", "FAILED").counters().stream()
                .mapToDouble(c -> c.count()).sum();
        assertThat(total).as("none lost").isEqualTo(80);
    }

    @Test
    void keepAliveHandBacksThrottlingAndRateLimitWaitsAreCounted() {
        erp.heartbeat(TaskEvents.Heartbeat.SENT);
        erp.heartbeat(TaskEvents.Heartbeat.SENT);
        erp.heartbeat(TaskEvents.Heartbeat.REFUSED);
        erp.heartbeat(TaskEvents.Heartbeat.FAILED);
        erp.visibilityExtended(true);
        erp.visibilityExtended(false);
        erp.handedBack(TaskEvents.HandBack.DRAIN);
        erp.handedBack(TaskEvents.HandBack.DUPLICATE);
        metrics.throttledRetry("SendTaskSuccess");
        metrics.throttledRetry("SendTaskSuccess");
        metrics.rateLimitWaited("send-task", TimeUnit.MILLISECONDS.toNanos(40));

        assertThat(erpCounter("heartbeats", "result", "sent")).isEqualTo(2);
        assertThat(erpCounter("heartbeats", "result", "refused")).isEqualTo(1);
        assertThat(erpCounter("heartbeats", "result", "failed")).isEqualTo(1);
        assertThat(erpCounter("visibility.extensions", "result", "ok")).isEqualTo(1);
        assertThat(erpCounter("visibility.extensions", "result", "failed")).isEqualTo(1);
        assertThat(erpCounter("tasks.handed.back", "reason", "drain")).isEqualTo(1);
        assertThat(erpCounter("tasks.handed.back", "reason", "duplicate")).isEqualTo(1);
        assertThat(erpCounter("tasks.handed.back", "reason", "failure")).isZero();
        assertThat(counter("throttled.retries", "call", "SendTaskSuccess")).isEqualTo(2);
        Timer wait = registry.get("sfn.bridge.sfn.rate.limit.wait").tag("limit", "send-task").timer();
        assertThat(wait.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40);
    }

    @Test
    void theReceivedAgeWindowKeepsTheLongestWaitUntilTaken() {
        assertThat(metrics.takeReceivedAgeWindowMillis("erp-worker")).as("nothing received").isEqualTo(-1);
        long now = System.currentTimeMillis();
        erp.taskReceived(now - 5_000);
        erp.taskReceived(now - 1_000);
        erp.taskReceived(TaskEvents.UNKNOWN);

        assertThat(metrics.takeReceivedAgeWindowMillis("erp-worker")).isBetween(5_000L, 6_000L);
        assertThat(metrics.takeReceivedAgeWindowMillis("erp-worker")).as("a new window").isEqualTo(-1);
    }

    @Test
    void eachWorkerCountsApartAndShowsItsCapWhileItRuns() {
        TaskEvents crm = metrics.forWorker("crm-worker");
        assertThat(metrics.forWorker("crm-worker")).as("one view per route").isSameAs(crm);
        erp.taskReceived(TaskEvents.UNKNOWN);
        crm.taskReceived(TaskEvents.UNKNOWN);
        crm.taskReceived(TaskEvents.UNKNOWN);
        assertThat(erpCounter("tasks.received")).isEqualTo(1);
        assertThat(counter("tasks.received", "routeId", "crm-worker")).isEqualTo(2);

        TaskPermits permits = new TaskPermits(7);
        crm.workerStarted(permits);
        assertThat(registry.get("sfn.bridge.tasks.in.flight.limit").tag("routeId", "crm-worker").gauge().value())
                .isEqualTo(7);
        assertThat(registry.find("sfn.bridge.tasks.in.flight").tag("routeId", "erp-worker").gauge()).isNull();
        crm.workerStopped();
        assertThat(registry.find("sfn.bridge.tasks.in.flight.limit").tag("routeId", "crm-worker").gauge())
                .as("gone with its route").isNull();
    }

    @Test
    void reloadsAreCountedAppliedAndRefusedByFile() {
        ReloadMetrics reloads = new ReloadMetrics(registry);
        reloads.reloadApplied(List.of("file:routes/enrich-order.camel.yaml"));
        reloads.reloadRefused(List.of("file:routes/enrich-order.camel.yaml"));
        reloads.reloadRefused(List.of("file:routes/enrich-order.camel.yaml", "file:routes/other.camel.yaml"));
        reloads.reloadRefused(java.util.Arrays.asList((String) null));

        assertThat(counter("route.reloads.applied")).isEqualTo(1);
        assertThat(counter("route.reloads.refused", "file", "file:routes/enrich-order.camel.yaml")).isEqualTo(2);
        assertThat(counter("route.reloads.refused", "file", "file:routes/other.camel.yaml")).isEqualTo(1);
        assertThat(counter("route.reloads.refused", "file", "unknown")).isEqualTo(1);
    }
}
