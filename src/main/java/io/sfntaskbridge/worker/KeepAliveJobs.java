package io.sfntaskbridge.worker;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.sfntaskbridge.component.FaultLog;
import io.sfntaskbridge.component.TaskClaim;
import io.sfntaskbridge.component.TaskEvents;
import io.sfntaskbridge.component.TaskLedger;
import io.sfntaskbridge.component.TaskTokens;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * The periodic jobs that keep one task alive while its work runs:
 * <ul>
 * <li>SendTaskHeartbeat, every third of the envelope's {@code heartbeatSeconds} hint (else the default interval).
 * The state's heartbeat clock started when the message was sent, not when it was received: a task that waited in the
 * queue for a third of the hint or more gets its first heartbeat at once, others about a second after pickup;</li>
 * <li>ChangeMessageVisibility every half of the visibility timeout, so no other consumer receives the message;</li>
 * <li>the ledger lease, every {@code leaseRenewSeconds}, so no other instance takes the task over.</li>
 * </ul>
 * Failures are logged once per kind by a {@link FaultLog}; each job simply tries again at its next turn.
 */
final class KeepAliveJobs {

    private static final Logger LOG = LoggerFactory.getLogger(KeepAliveJobs.class);
    /** SQS system attribute (a header of the received message): epoch millis when Step Functions sent the task. */
    static final String SENT_TIMESTAMP = "SentTimestamp";

    private final ScheduledExecutorService scheduler;
    private final SfnClient sfn;
    private final TaskMessages messages;
    private final TaskLedger ledger;
    private final TaskKeepAlive.Settings settings;
    private final Clock clock;
    private final FaultLog faults = new FaultLog(LOG);
    private final TaskEvents events;
    private final AtomicLong heartbeatsSent = new AtomicLong();

    KeepAliveJobs(ScheduledExecutorService scheduler, SfnClient sfn, TaskMessages messages, TaskLedger ledger,
                  TaskKeepAlive.Settings settings, Clock clock, TaskEvents events) {
        this.scheduler = scheduler;
        this.sfn = sfn;
        this.messages = messages;
        this.ledger = ledger;
        this.settings = settings;
        this.clock = clock;
        this.events = events;
    }

    List<ScheduledFuture<?>> start(LiveTask task, Exchange exchange) {
        List<ScheduledFuture<?>> jobs = new ArrayList<>(3);
        Integer hint = exchange.getProperty(TaskEnvelope.HEARTBEAT_SECONDS, Integer.class);
        int interval = hint != null ? Math.max(1, hint / 3) : settings.defaultHeartbeatIntervalSeconds();
        long sent = exchange.getMessage().getHeader(SENT_TIMESTAMP, 0L, Long.class);
        jobs.add(scheduler.scheduleWithFixedDelay(heartbeat(task.token, interval),
                firstHeartbeatDelayMillis(sent, hint, interval), interval * 1000L, TimeUnit.MILLISECONDS));
        if (task.hasReceipt()) {
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

    private Runnable heartbeat(String token, int intervalSeconds) {
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
            messages.setVisibility(task.queueUrl, task.receiptHandle, settings.visibilityTimeoutSeconds());
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
                LOG.debug("Lease of {} not renewed: the claim is no longer held", TaskTokens.fingerprint(task.token));
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
