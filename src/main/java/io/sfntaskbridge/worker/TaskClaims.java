package io.sfntaskbridge.worker;

import java.time.Instant;

import io.sfntaskbridge.task.FaultLog;
import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.task.TaskClaim;
import io.sfntaskbridge.task.TaskEvents;
import io.sfntaskbridge.task.TaskLedger;
import io.sfntaskbridge.task.TaskLedgerException;
import io.sfntaskbridge.task.TaskTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the task ledger whether a delivery may do the work, before the work. When it may not, the delivery is settled
 * here, so the backend is never called for it:
 * <ul>
 * <li>taken over (the lease ran out) but already answered, as a heartbeat shows:
 * {@link SfnTaskOutcome#ALREADY_CLOSED};</li>
 * <li>held elsewhere under a live lease: {@link SfnTaskOutcome#HELD_ELSEWHERE} (it goes back until the lease ends);</li>
 * <li>answer stored: that answer is sent again, {@link SfnTaskOutcome#RESENT};</li>
 * <li>closed: {@link SfnTaskOutcome#ALREADY_CLOSED} (the message is deleted), unless Step Functions still takes
 * answers for the token (an emulator re-sends it when the Task state is retried): then it is claimed again.</li>
 * </ul>
 */
final class TaskClaims {

    private static final Logger LOG = LoggerFactory.getLogger(TaskClaims.class);
    private static final String LEDGER = "Task ledger";

    private final TaskLedger ledger;
    private final TaskAnswers answers;
    private final FaultLog faults = new FaultLog(LOG);

    /** @param ledger null: every delivery does the work */
    TaskClaims(TaskLedger ledger, TaskAnswers answers) {
        this.ledger = ledger;
        this.answers = answers;
    }

    boolean isFailing() {
        return faults.isFailing(LEDGER);
    }

    /**
     * @return null when this delivery does the work (its claim is on the task), else the outcome that settles it
     * @throws TaskLedgerException when the ledger cannot be reached (logged once per outage); no work starts
     */
    SfnTaskOutcome claim(LiveTask task, TaskEvents events) {
        if (ledger == null) {
            task.claimed(null);
            return null;
        }
        TaskClaim claim;
        try {
            claim = ledger.claim(task.token());
            faults.succeeded(LEDGER);
        } catch (TaskLedgerException e) {
            faults.failed(LEDGER, e);
            throw e;
        }
        task.claimed(claim);
        events.taskClaimed(claim.status());
        String fingerprint = TaskTokens.fingerprintOfHash(claim.tokenHash());
        return switch (claim.status()) {
            case CLAIMED -> null;
            case TAKEN_OVER -> takenOver(task, fingerprint, events);
            case HELD_ELSEWHERE -> {
                LOG.info("Duplicate delivery of {}: another delivery works on it until {}; this one goes back to the"
                         + " queue", fingerprint, Instant.ofEpochMilli(claim.leaseUntil()));
                yield settled(task, SfnTaskOutcome.HELD_ELSEWHERE, TaskEvents.NO_ERROR, events);
            }
            case ANSWER_STORED -> {
                SfnTaskOutcome sent = answers.send(task.token(), claim.storedAnswer(), SfnTaskOutcome.RESENT);
                LOG.info("Repeated delivery of {}: sent its stored {} answer again instead of redoing the work ({})",
                        fingerprint, claim.storedAnswer().kind(), sent);
                yield settled(task, sent, claim.storedAnswer().errorName(), events);
            }
            case CLOSED -> closed(task, fingerprint, events);
        };
    }

    /**
     * A claim whose lease ran out: its instance stopped, during the work or after an answer whose close it had not
     * yet written (closes are written in groups). Step Functions tells which: a heartbeat is refused once answered.
     */
    private SfnTaskOutcome takenOver(LiveTask task, String fingerprint, TaskEvents events) {
        if (answers.stillOpen(task.token())) {
            LOG.info("Taking over {}: the lease of its earlier claim ran out", fingerprint);
            return null;
        }
        ledger.close(task.claim().tokenHash(), SfnTaskOutcome.ALREADY_CLOSED);
        LOG.info("Repeated delivery of {}: answered by an instance that stopped before it recorded that; deleting the"
                 + " message", fingerprint);
        return settled(task, SfnTaskOutcome.ALREADY_CLOSED, TaskEvents.NO_ERROR, events);
    }

    private SfnTaskOutcome closed(LiveTask task, String fingerprint, TaskEvents events) {
        if (!answers.stillOpen(task.token())) {
            LOG.info("Repeated delivery of {}: it is already answered; deleting the message", fingerprint);
            return settled(task, SfnTaskOutcome.ALREADY_CLOSED, TaskEvents.NO_ERROR, events);
        }
        TaskClaim again = ledger.reopen(task.token());
        task.claimed(again);
        LOG.info("{} came back after it was answered, and Step Functions takes answers for it again (its Task state is"
                 + " retried with the same token): working on it again", fingerprint);
        return again.owned() ? null : settled(task, SfnTaskOutcome.HELD_ELSEWHERE, TaskEvents.NO_ERROR, events);
    }

    private static SfnTaskOutcome settled(LiveTask task, SfnTaskOutcome outcome, String error, TaskEvents events) {
        events.taskAnswered(outcome, error, task.sentTimestampMillis(), TaskEvents.UNKNOWN);
        return outcome;
    }
}
