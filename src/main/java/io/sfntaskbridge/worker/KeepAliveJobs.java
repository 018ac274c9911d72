package io.sfntaskbridge.worker;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.sfntaskbridge.task.FaultLog;
import io.sfntaskbridge.task.TaskClaim;
import io.sfntaskbridge.task.TaskEvents;
import io.sfntaskbridge.task.TaskLedger;
import io.sfntaskbridge.task.TaskTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * The periodic jobs that keep one task alive from its receipt to its settlement, in the waiting room too:
 * <ul>
 * <li>SendTaskHeartbeat, every third of the envelope's {@code heartbeatSeconds} hint (else the worker's heartbeat
 * interval). The state's heartbeat clock started when the message was sent, not when it was received: a task that
 * waited in the queue for two thirds of the hint or more gets its first heartbeat at once, others about a second
 * after pickup;</li>
 * <li>the message's visibility, every half of the visibility timeout (queue workers), so no other consumer receives
 * it;</li>
 * <li>the ledger lease, every {@code leaseRenewSeconds}, so no other instance takes the task over.</li>
 * </ul>
 * Failures are logged once per kind by a {@link FaultLog}; each job simply tries again at its next turn.
 */
final class KeepAliveJobs {

    private static final Logger LOG = LoggerFactory.getLogger(KeepAliveJobs.class);

    private final ScheduledExecutorService scheduler;
    private final SfnClient sfn;
    private final TaskSource source;
    private final TaskLedger ledger;
    private final WorkerSettings settings;
    private final Clock clock;
    private final FaultLog faults = new FaultLog(LOG);
    private final TaskEvents events;
    private final AtomicLong heartbeatsSent = new AtomicLong();

    KeepAliveJobs(ScheduledExecutorService scheduler, SfnClient sfn, TaskSource source, TaskLedger ledger,
                  WorkerSettings settings, Clock clock, TaskEvents events) {
        this.scheduler = scheduler;
        this.sfn = sfn;
        this.source = source;
        this.ledger = ledger;
        this.settings = settings;
        this.clock = clock;
        this.events = events;
    }

    List<ScheduledFuture<?>> start(LiveTask task) {
        List<ScheduledFuture<?>> jobs = new ArrayList<>(3);
        Integer hint = task.heartbeatHint();
        int interval = hint != null ? Math.max(1, hint / 3) : settings.heartbeatIntervalSeconds();
        jobs.add(scheduler.scheduleWithFixedDelay(heartbeat(task.token()),
                firstHeartbeatDelayMillis(task.delivery().sentTimestampMillis(), hint, interval), interval * 1000L,
                TimeUnit.MILLISECONDS));
        if (source.hasVisibility()) {
            int every = Math.max(1, settings.visibilityTimeoutSeconds() / 2);
            jobs.add(scheduler.scheduleWithFixedDelay(() -> extendVisibility(task), every, every, TimeUnit.SECONDS));
        }
        if (ledger != null) {
            int every = Math.max(1, settings.leaseRenewSeconds());
            jobs.add(scheduler.scheduleWithFixedDelay(() -> renewLease(task), every, every, TimeUnit.SECONDS));
        }
        return jobs;
    }

    /**
     * At once when the envelope's hint says the deadline is near: the message waited in the queue for two thirds of
     * its HeartbeatSeconds or more. Otherwise after about a second (not at once: LocalStack cannot take a heartbeat in
     * the moments after it sent the message), so a short task is answered before any heartbeat is needed.
     */
    long firstHeartbeatDelayMillis(long sentTimestamp, Integer hintSeconds, int intervalSeconds) {
        long waited = sentTimestamp > 0 ? clock.millis() - sentTimestamp : 0;
        if (hintSeconds != null && waited * 3 >= hintSeconds * 2000L) {
            return 0;
        }
        return Math.min(1000, intervalSeconds * 1000L);
    }

    private Runnable heartbeat(String token) {
        return () -> {
            try {
                sfn.sendTaskHeartbeat(request -> request.taskToken(token));
                heartbeatsSent.incrementAndGet();
                events.heartbeat(TaskEvents.Heartbeat.SENT);
                faults.succeeded("SendTaskHeartbeat");
            } catch (TaskTimedOutException | InvalidTokenException e) {
                // Closed or expired: more heartbeats cannot help; throwing ends this job. The answer reports it too.
                events.heartbeat(TaskEvents.Heartbeat.REFUSED);
                LOG.info("Heartbeat for {} refused: the task is closed; no more heartbeats for it",
                        TaskTokens.fingerprint(token));
                throw e;
            } catch (RuntimeException e) {
                events.heartbeat(TaskEvents.Heartbeat.FAILED);
                faults.failed("SendTaskHeartbeat", e);
            }
        };
    }

    private void extendVisibility(LiveTask task) {
        try {
            source.extendVisibility(task.delivery());
            events.visibilityExtended(true);
        } catch (RuntimeException e) {
            events.visibilityExtended(false);
            LOG.debug("Visibility extension failed: {}", e.getMessage());
        }
    }

    private void renewLease(LiveTask task) {
        TaskClaim claim = task.claim();
        if (claim == null || !claim.owned()) {
            return;
        }
        try {
            if (!ledger.renew(claim)) {
                LOG.debug("Lease of {} not renewed: the claim is no longer held", TaskTokens.fingerprint(task.token()));
            }
            faults.succeeded("Task ledger lease renewal");
        } catch (RuntimeException e) {
            faults.failed("Task ledger lease renewal", e);
        }
    }

    long heartbeatsSent() {
        return heartbeatsSent.get();
    }
}
