package io.sfntaskbridge.worker;

import io.sfntaskbridge.aws.AwsRetry;
import io.sfntaskbridge.task.FaultLog;
import io.sfntaskbridge.task.SfnTaskErrors;
import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.task.TaskAnswer;
import io.sfntaskbridge.task.TaskEvents;
import io.sfntaskbridge.task.TaskLedgerException;
import io.sfntaskbridge.task.TaskTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The life of one received task on its worker thread: unusable input is answered {@code Bridge.InvalidInput} at once;
 * otherwise the ledger claim decides whether this delivery does the work ({@link TaskClaims}); the task waits for a
 * working slot ({@link WaitingRoom}); the {@link TaskWork} runs; its answer is stored and sent ({@link TaskAnswers}); and
 * the delivery is settled ({@link Settlement}). A task whose claim or answer fails (the ledger or AWS unreachable after
 * the retries) goes back with its message, the answer already stored; an activity task, which cannot go back, keeps
 * trying until the worker stops.
 */
final class TaskRun {

    private static final Logger LOG = LoggerFactory.getLogger(TaskRun.class);

    private final WorkerSettings settings;
    private final TaskSource source;
    private final TaskWork work;
    private final TaskAnswers answers;
    private final TaskClaims claims;
    private final WaitingRoom room;
    private final Settlement settlement;
    private final TaskEvents events;

    TaskRun(WorkerSettings settings, TaskSource source, TaskWork work, TaskAnswers answers, TaskClaims claims,
            WaitingRoom room, Settlement settlement, TaskEvents events) {
        this.settings = settings;
        this.source = source;
        this.work = work;
        this.answers = answers;
        this.claims = claims;
        this.room = room;
        this.settlement = settlement;
        this.events = events;
    }

    /** @return false when the task could not be answered and went back for a later delivery */
    boolean run(LiveTask task) {
        SfnTaskOutcome outcome;
        try {
            outcome = decide(task);
        } catch (TaskLedgerException | SdkException e) {
            // Each kind of failure was logged once where it happened; no work starts without a claim.
            LOG.debug("Task of {} not answered ({}); handed back", task.delivery().describe(), FaultLog.summary(e));
            outcome = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = null;
        }
        // A no-op when a drain has handed the task back meanwhile.
        settlement.settle(task, outcome);
        return outcome != null;
    }

    private SfnTaskOutcome decide(LiveTask task) throws InterruptedException {
        String problem = task.envelope().problem();
        if (problem != null) {
            LOG.warn("Task of {} has unusable input: {}; answering {}", task.delivery().describe(), problem,
                    SfnTaskErrors.INVALID_INPUT);
            return answer(task, new TaskWork.Answer(TaskAnswer.failure(SfnTaskErrors.INVALID_INPUT, problem),
                    SfnTaskOutcome.FAILED));
        }
        SfnTaskOutcome settled = claim(task);
        if (settled != null) {
            return settled;
        }
        if (!room.awaitTurn(task)) {
            // The worker drains: a task that has not started goes back at once (if the drain has not done so).
            settlement.handBack(task);
            return SfnTaskOutcome.CLAIM_LOST;
        }
        TaskWork.Result result;
        try {
            if (task.isSettled()) {
                // A drain failed it (an activity task) while it waited: its work must not start any more.
                return SfnTaskOutcome.CLAIM_LOST;
            }
            task.started();
            result = work.run(task);
        } finally {
            room.leave();
        }
        return answer(task, result);
    }

    /**
     * The ledger's decision. A message goes back when the ledger cannot be reached; an activity task, which has no
     * later delivery, is claimed again every retry delay until the ledger answers or the worker stops.
     */
    private SfnTaskOutcome claim(LiveTask task) throws InterruptedException {
        while (true) {
            try {
                return claims.claim(task, events);
            } catch (TaskLedgerException e) {
                if (source.canHandBack() || task.isSettled()) {
                    throw e;
                }
                Thread.sleep(Math.max(1, settings.retryDelaySeconds()) * 1000L);
            }
        }
    }

    private SfnTaskOutcome answer(LiveTask task, TaskWork.Result result) throws InterruptedException {
        if (result instanceof TaskWork.Answered answered) {
            return answered.outcome();
        }
        if (!(result instanceof TaskWork.Answer answer)) {
            return null;
        }
        if (task.returned()) {
            LOG.debug("Not answering {}: it was handed back while the work ran", TaskTokens.fingerprint(task.token()));
            return SfnTaskOutcome.CLAIM_LOST;
        }
        SfnTaskOutcome outcome = null;
        boolean stored = false;
        while (outcome == null) {
            try {
                outcome = stored
                        ? answers.deliver(task.token(), answer.answer(), answer.accepted(), events,
                                task.sentTimestampMillis(), task.claimedAtNanos())
                        : answers.answer(task.token(), task.claim(), answer.answer(), answer.accepted(), events,
                                task.sentTimestampMillis(), task.claimedAtNanos());
            } catch (SdkException e) {
                if (source.canHandBack() || task.isSettled() || !AwsRetry.isTransient(e)) {
                    throw e;
                }
                // answer() stored it before its retries ran out
                stored = true;
                // An activity task has no later delivery: its stored answer is tried again until the worker stops.
                Thread.sleep(Math.max(1, settings.retryDelaySeconds()) * 1000L);
            }
        }
        return outcome;
    }
}
