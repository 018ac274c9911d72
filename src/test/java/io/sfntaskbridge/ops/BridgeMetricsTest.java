package io.sfntaskbridge.ops;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfntaskbridge.component.SfnTaskOutcome;
import io.sfntaskbridge.component.TaskClaim;
import io.sfntaskbridge.component.TaskEvents;
import io.sfntaskbridge.ops.metrics.BridgeMetrics;
import io.sfntaskbridge.ops.metrics.ReloadMetrics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BridgeMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BridgeMetrics metrics = new BridgeMetrics(registry);

    private double counter(String name, String... tags) {
        return registry.get("sfn.bridge." + name).tags(tags).counter().count();
    }

    @Test
    void everyOutcomeClaimStatusAndHandBackIsRegisteredAtZeroBeforeAnyTask() {
        for (SfnTaskOutcome outcome : SfnTaskOutcome.values()) {
            if (outcome != SfnTaskOutcome.HEARTBEAT_SENT) {
                assertThat(counter("tasks.answered", "outcome", outcome.name(), "error", "none")).isZero();
            }
        }
        assertThat(registry.find("sfn.bridge.tasks.answered").tag("outcome", "HEARTBEAT_SENT").counter()).isNull();
        for (TaskClaim.Status status : TaskClaim.Status.values()) {
            assertThat(counter("ledger.claims", "status", status.name())).isZero();
        }
        assertThat(counter("tasks.handed.back", "reason", "drain")).isZero();
        assertThat(counter("heartbeats", "result", "refused")).isZero();
        assertThat(registry.get("sfn.bridge.sfn.rate.limit.wait").tag("limit", "send-task").timer().count()).isZero();
    }

    @Test
    void answersCountByOutcomeAndErrorAndTimeTheQueueAndTheWork() {
        long sent = System.currentTimeMillis() - 2_000;
        metrics.taskReceived(sent);
        metrics.taskClaimed(TaskClaim.Status.CLAIMED);
        metrics.taskAnswered(SfnTaskOutcome.SUCCEEDED, TaskEvents.NO_ERROR, sent, TimeUnit.MILLISECONDS.toNanos(300));
        metrics.taskAnswered(SfnTaskOutcome.FAILED, "Bridge.InvalidInput", sent, TimeUnit.MILLISECONDS.toNanos(10));
        metrics.taskAnswered(SfnTaskOutcome.FAILED, "Custom.Error", TaskEvents.UNKNOWN, TaskEvents.UNKNOWN);
        metrics.taskAnswered(SfnTaskOutcome.HELD_ELSEWHERE, TaskEvents.NO_ERROR, sent, TaskEvents.UNKNOWN);

        assertThat(counter("tasks.received")).isEqualTo(1);
        assertThat(counter("ledger.claims", "status", "CLAIMED")).isEqualTo(1);
        assertThat(counter("tasks.answered", "outcome", "SUCCEEDED", "error", "none")).isEqualTo(1);
        assertThat(counter("tasks.answered", "outcome", "FAILED", "error", "Bridge.InvalidInput")).isEqualTo(1);
        assertThat(counter("tasks.answered", "outcome", "FAILED", "error", "Custom.Error")).isEqualTo(1);
        assertThat(counter("tasks.answered", "outcome", "HELD_ELSEWHERE", "error", "none")).isEqualTo(1);

        Timer enqueueToAnswer = registry.get("sfn.bridge.task.enqueue.to.answer").timer();
        assertThat(enqueueToAnswer.count()).as("only answers sent, with a SentTimestamp").isEqualTo(2);
        assertThat(enqueueToAnswer.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(2_000);
        Timer work = registry.get("sfn.bridge.task.work").timer();
        assertThat(work.count()).as("only deliveries that did work").isEqualTo(2);
        assertThat(work.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(310);
    }

    @Test
    void errorNamesBeyondTheLimitShareOneCounter() {
        for (int i = 0; i < 80; i++) {
            metrics.taskAnswered(SfnTaskOutcome.FAILED, "Error." + i, TaskEvents.UNKNOWN, TaskEvents.UNKNOWN);
        }
        long failedCounters = registry.find("sfn.bridge.tasks.answered").tag("outcome", "FAILED").counters().size();
        assertThat(failedCounters).isLessThanOrEqualTo(51);
        assertThat(counter("tasks.answered", "outcome", "FAILED", "error", "other")).isPositive();
        double total = registry.find("sfn.bridge.tasks.answered").tag("outcome", "FAILED").counters().stream()
                .mapToDouble(c -> c.count()).sum();
        assertThat(total).as("none lost").isEqualTo(80);
    }

    @Test
    void keepAliveHandBacksThrottlingAndRateLimitWaitsAreCounted() {
        metrics.heartbeat(TaskEvents.Heartbeat.SENT);
        metrics.heartbeat(TaskEvents.Heartbeat.SENT);
        metrics.heartbeat(TaskEvents.Heartbeat.REFUSED);
        metrics.heartbeat(TaskEvents.Heartbeat.FAILED);
        metrics.visibilityExtended(true);
        metrics.visibilityExtended(false);
        metrics.handedBack(TaskEvents.HandBack.DRAIN);
        metrics.handedBack(TaskEvents.HandBack.DUPLICATE);
        metrics.throttledRetry("SendTaskSuccess");
        metrics.throttledRetry("SendTaskSuccess");
        metrics.rateLimitWaited("send-task", TimeUnit.MILLISECONDS.toNanos(40));

        assertThat(counter("heartbeats", "result", "sent")).isEqualTo(2);
        assertThat(counter("heartbeats", "result", "refused")).isEqualTo(1);
        assertThat(counter("heartbeats", "result", "failed")).isEqualTo(1);
        assertThat(counter("visibility.extensions", "result", "ok")).isEqualTo(1);
        assertThat(counter("visibility.extensions", "result", "failed")).isEqualTo(1);
        assertThat(counter("tasks.handed.back", "reason", "drain")).isEqualTo(1);
        assertThat(counter("tasks.handed.back", "reason", "duplicate")).isEqualTo(1);
        assertThat(counter("tasks.handed.back", "reason", "failure")).isZero();
        assertThat(counter("throttled.retries", "call", "SendTaskSuccess")).isEqualTo(2);
        Timer wait = registry.get("sfn.bridge.sfn.rate.limit.wait").tag("limit", "send-task").timer();
        assertThat(wait.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40);
    }

    @Test
    void theReceivedAgeWindowKeepsTheLongestWaitUntilTaken() {
        assertThat(metrics.takeReceivedAgeWindowMillis()).as("nothing received").isEqualTo(-1);
        long now = System.currentTimeMillis();
        metrics.taskReceived(now - 5_000);
        metrics.taskReceived(now - 1_000);
        metrics.taskReceived(TaskEvents.UNKNOWN);

        assertThat(metrics.takeReceivedAgeWindowMillis()).isBetween(5_000L, 6_000L);
        assertThat(metrics.takeReceivedAgeWindowMillis()).as("a new window").isEqualTo(-1);
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
