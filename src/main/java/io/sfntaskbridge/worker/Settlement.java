package io.sfntaskbridge.worker;

import java.time.Clock;

import io.sfntaskbridge.task.SfnTaskErrors;
import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.task.TaskAnswer;
import io.sfntaskbridge.task.TaskClaim;
import io.sfntaskbridge.task.TaskEvents;
import io.sfntaskbridge.task.TaskLedger;
import io.sfntaskbridge.task.TaskTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Decides what becomes of a task's delivery once its outcome is known, exactly once per task:
 * <ul>
 * <li>answered or closed ({@link SfnTaskOutcome#settlesTask()}): the message is deleted, with retries;</li>
 * <li>another delivery holds the task: the message goes back, hidden until that claim's lease ends;</li>
 * <li>the claim was lost: nothing, the task belongs to whoever holds it now;</li>
 * <li>no answer could be sent: the claim is released and the message goes back after the retry delay.</li>
 * </ul>
 * {@link #handBack} settles a task early when the worker drains: claim and slot released, message visible at once;
 * an activity task, which cannot go back, is failed with {@value SfnTaskErrors#WORKER_STOPPED} instead.
 */
final class Settlement {

    private static final Logger LOG = LoggerFactory.getLogger(Settlement.class);
    private static final Logger TASKS = LoggerFactory.getLogger("io.sfntaskbridge.worker.Tasks");

    private final WorkerSettings settings;
    private final TaskSource source;
    private final TaskLedger ledger;
    private final TaskAnswers answers;
    private final TaskEvents events;
    private final TaskWork work;
    private final Clock clock;
    private final Level taskLevel;

    Settlement(WorkerSettings settings, TaskSource source, TaskLedger ledger, TaskAnswers answers, TaskEvents events,
               TaskWork work, Clock clock) {
        this.settings = settings;
        this.source = source;
        this.ledger = ledger;
        this.answers = answers;
        this.events = events;
        this.work = work;
        this.clock = clock;
        this.taskLevel = "OFF".equals(settings.taskLogLevel()) ? null : Level.valueOf(settings.taskLogLevel());
    }

    /** @param outcome null when no answer could be sent */
    void settle(LiveTask task, SfnTaskOutcome outcome) {
        if (!task.settle()) {
            return;
        }
        logOutcome(task, outcome);
        work.settled(task, outcome);
        try {
            if (outcome == null) {
                events.handedBack(TaskEvents.HandBack.FAILURE);
                releaseClaim(task);
                if (source.canHandBack()) {
                    source.handBack(task.delivery(), settings.retryDelaySeconds());
                }
            } else if (outcome.settlesTask()) {
                source.settled(task.delivery());
            } else if (outcome == SfnTaskOutcome.HELD_ELSEWHERE && source.canHandBack()) {
                events.handedBack(TaskEvents.HandBack.DUPLICATE);
                long untilLeaseEnds = task.claim().leaseUntil() - clock.millis();
                source.handBack(task.delivery(), (int) (untilLeaseEnds / 1000) + 2);
            }
        } catch (RuntimeException e) {
            // Already counted and logged once per kind by the retry; SQS's own visibility timeout takes over.
            LOG.debug("Could not settle the delivery of a task: {}", e.getMessage());
        } finally {
            task.releaseSlot();
        }
    }

    /**
     * Hands a task back before its work ended (or began): claim and slot released, message visible at once. An
     * activity task is failed with {@value SfnTaskErrors#WORKER_STOPPED} under its claim instead, so its work, if it
     * still runs, can no longer answer.
     *
     * @return false when the task was settled meanwhile
     */
    boolean handBack(LiveTask task) {
        if (!task.settle()) {
            return false;
        }
        task.markReturned();
        try {
            if (source.canHandBack()) {
                events.handedBack(TaskEvents.HandBack.DRAIN);
                releaseClaim(task);
                source.handBack(task.delivery(), 0);
            } else {
                failStopped(task);
            }
        } catch (RuntimeException e) {
            LOG.debug("Could not hand a task back: {}", e.getMessage());
        } finally {
            task.releaseSlot();
        }
        return true;
    }

    private void failStopped(LiveTask task) {
        TaskAnswer answer = TaskAnswer.failure(SfnTaskErrors.WORKER_STOPPED, "worker " + settings.routeId()
                + " stopped before the task " + (task.isStarted() ? "finished" : "started") + "; it was not answered");
        if (answers.store(task.claim(), answer)) {
            answers.deliver(task.token(), answer, SfnTaskOutcome.FAILED, events, task.sentTimestampMillis(),
                    task.claimedAtNanos());
        }
    }

    private void releaseClaim(LiveTask task) {
        TaskClaim claim = task.claim();
        if (claim != null && claim.owned() && ledger != null) {
            ledger.release(claim);
        }
    }

    /**
     * The one line per task, for an answer of its work (or of its unusable input); deliveries settled by the ledger's
     * decision have a line of their own, and one that could not be answered is tried again.
     */
    private void logOutcome(LiveTask task, SfnTaskOutcome outcome) {
        boolean answered = outcome != null && (task.isStarted() || task.envelope().problem() != null);
        if (answered && taskLevel != null && TASKS.isEnabledForLevel(taskLevel)) {
            TASKS.atLevel(taskLevel).log("Task outcome: {} ({} of {}, {})", outcome,
                    task.delivery().describe(), settings.routeId(), TaskTokens.fingerprint(task.token()));
        }
    }
}
