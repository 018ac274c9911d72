package io.sfntaskbridge.worker;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

import io.sfntaskbridge.component.SfnTaskConstants;
import io.sfntaskbridge.component.SfnTaskOutcome;
import io.sfntaskbridge.component.TaskClaim;
import io.sfntaskbridge.component.TaskEvents;
import io.sfntaskbridge.component.TaskLedger;
import org.apache.camel.Exchange;
import org.apache.camel.Handler;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Holds a task from pickup to its end. While the work runs it keeps the task alive ({@link KeepAliveJobs}: heartbeats,
 * message visibility, the ledger lease). When the exchange ends it settles the message, which the consumer never
 * deletes by itself ({@code deleteAfterRead=false}):
 * <ul>
 * <li>the task is answered or closed ({@link SfnTaskOutcome#settlesTask()}): the message is deleted, with retries;</li>
 * <li>another delivery holds the task: the message goes back, hidden until that claim's lease ends;</li>
 * <li>the claim was lost: nothing, the message belongs to whoever holds the task now;</li>
 * <li>no answer could be sent: the claim is released and the message goes back after {@code retryDelaySeconds}.</li>
 * </ul>
 * {@link #handBack} settles tasks early when the worker stops and they cannot finish in time.
 */
public class TaskKeepAlive {

    private static final Logger LOG = LoggerFactory.getLogger(TaskKeepAlive.class);

    private final KeepAliveJobs jobs;
    private final TaskMessages messages;
    private final TaskLedger ledger;
    private final Settings settings;
    private final TaskEvents events;
    private final Clock clock;
    private final Set<LiveTask> live = ConcurrentHashMap.newKeySet();

    /**
     * @param enabled                         false turns heartbeats, visibility extension and lease renewal off (only
     *                                        to prove they matter); the message is settled all the same
     * @param defaultHeartbeatIntervalSeconds interval used when the envelope has no hint
     * @param visibilityTimeoutSeconds        visibility granted on each extension; extended every half of it
     * @param retryDelaySeconds               visibility set after a failed exchange, before SQS redelivers
     * @param leaseRenewSeconds               how often the ledger lease is renewed
     */
    public record Settings(boolean enabled, int defaultHeartbeatIntervalSeconds, int visibilityTimeoutSeconds,
            int retryDelaySeconds, int leaseRenewSeconds) {
    }

    public TaskKeepAlive(ScheduledExecutorService scheduler, SfnClient sfn, TaskMessages messages, TaskLedger ledger,
                         Settings settings) {
        this(scheduler, sfn, messages, ledger, settings, TaskEvents.NONE);
    }

    /** As above, telling {@code events} of heartbeats, visibility extensions and hand-backs. */
    public TaskKeepAlive(ScheduledExecutorService scheduler, SfnClient sfn, TaskMessages messages, TaskLedger ledger,
                         Settings settings, TaskEvents events) {
        this.clock = Clock.systemUTC();
        this.events = events;
        this.jobs = new KeepAliveJobs(scheduler, sfn, messages, ledger, settings, clock, events);
        this.messages = messages;
        this.ledger = ledger;
        this.settings = settings;
    }

    @Handler
    public void track(Exchange exchange) {
        String token = exchange.getMessage().getHeader(SfnTaskConstants.TASK_TOKEN, String.class);
        LiveTask task = new LiveTask(exchange, token, messages.queueUrlOf(exchange),
                exchange.getMessage().getHeader(Sqs2Constants.RECEIPT_HANDLE, String.class));
        live.add(task);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                live.remove(task);
                if (task.settle()) {
                    settle(task, done);
                }
            }
        });
        if (settings.enabled()) {
            task.keepAliveJobs(jobs.start(task, exchange));
        }
    }

    private void settle(LiveTask task, Exchange exchange) {
        if (!task.hasReceipt()) {
            return;
        }
        SfnTaskOutcome outcome = exchange.getMessage().getHeader(SfnTaskConstants.OUTCOME, SfnTaskOutcome.class);
        try {
            if (exchange.getProperty(ConcurrencyGate.NOT_STARTED, false, Boolean.class)) {
                // It waited for a slot when the worker drained, and reached the room after the drain took the others
                returnToQueue(task);
            } else if (outcome != null && outcome.settlesTask()) {
                messages.delete(task.queueUrl, task.receiptHandle);
            } else if (outcome == SfnTaskOutcome.HELD_ELSEWHERE) {
                events.handedBack(TaskEvents.HandBack.DUPLICATE);
                long untilLeaseEnds = task.claim().leaseUntil() - clock.millis();
                messages.setVisibility(task.queueUrl, task.receiptHandle, (int) (untilLeaseEnds / 1000) + 2);
            } else if (outcome != SfnTaskOutcome.CLAIM_LOST) {
                events.handedBack(TaskEvents.HandBack.FAILURE);
                releaseClaim(task);
                messages.setVisibility(task.queueUrl, task.receiptHandle, settings.retryDelaySeconds());
            }
        } catch (RuntimeException e) {
            // Already counted and logged once per kind by the retry; SQS's own visibility timeout takes over.
            LOG.debug("Could not settle the message of a task: {}", e.getMessage());
        }
    }

    private void releaseClaim(LiveTask task) {
        TaskClaim claim = task.claim();
        if (claim != null && claim.owned() && ledger != null) {
            ledger.release(claim);
        }
    }

    /** Tasks picked up by the given routes and not yet settled. */
    public List<LiveTask> liveTasks(Set<String> routeIds) {
        List<LiveTask> tasks = new ArrayList<>();
        live.forEach(task -> {
            if (routeIds.contains(task.routeId())) {
                tasks.add(task);
            }
        });
        return tasks;
    }

    /**
     * Hands tasks back at once: claim released, message visible again, so another instance takes them without
     * waiting. Their work may still be running; it can no longer answer, because its claim is gone.
     *
     * @return how many were handed back (tasks that ended meanwhile are not)
     */
    public int handBack(List<LiveTask> tasks) {
        int handedBack = 0;
        for (LiveTask task : tasks) {
            if (task.settle()) {
                handedBack++;
                try {
                    returnToQueue(task);
                } catch (RuntimeException e) {
                    LOG.debug("Could not hand a task back: {}", e.getMessage());
                }
            }
        }
        return handedBack;
    }

    /** A drain's hand-back: slot and claim released, message visible at once. */
    private void returnToQueue(LiveTask task) {
        task.markReturned();
        events.handedBack(TaskEvents.HandBack.DRAIN);
        GlobalSlots.release(task.exchange);
        releaseClaim(task);
        if (task.hasReceipt()) {
            messages.setVisibility(task.queueUrl, task.receiptHandle, 0);
        }
    }

    public int liveTaskCount() {
        return live.size();
    }

    public long heartbeatsSent() {
        return jobs.heartbeatsSent();
    }
}
