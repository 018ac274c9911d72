package io.sfntaskbridge.worker;

import io.sfntaskbridge.aws.AwsRetry;
import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.task.TaskAnswer;
import io.sfntaskbridge.task.TaskClaim;
import io.sfntaskbridge.task.TaskEvents;
import io.sfntaskbridge.task.TaskLedger;
import io.sfntaskbridge.task.TaskTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Answers tasks once: a {@link TaskAnswer} is sent with SendTaskSuccess or SendTaskFailure (retried through
 * {@link AwsRetry}) and its ledger record closed once Step Functions accepted it or said the task is closed. The
 * {@code sfn-task:success} and {@code sfn-task:failure} producers store the answer in the {@link TaskLedger} under the
 * delivery's claim before they send it; the worker, for the answers it gives itself, stores it only once the first
 * attempt failed ({@link #answer}). A failure after the last attempt is thrown; the stored answer then waits for the
 * message's next delivery.
 */
public final class TaskAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(TaskAnswers.class);

    private final SfnClient sfn;
    private final AwsRetry retry;
    private final TaskLedger ledger;

    /** @param ledger null: answers are sent without being stored */
    public TaskAnswers(SfnClient sfn, AwsRetry retry, TaskLedger ledger) {
        this.sfn = sfn;
        this.retry = retry;
        this.ledger = ledger;
    }

    /**
     * Stores the answer under {@code claim} before it is sent.
     *
     * @return false when the claim was given up or taken over meanwhile: the answer must not be sent
     */
    public boolean store(TaskClaim claim, TaskAnswer answer) {
        return claim == null || ledger == null || ledger.storeAnswer(claim, answer);
    }

    /**
     * Sends a stored answer and tells {@code events}.
     *
     * @param  accepted            the outcome to report when Step Functions takes the answer
     * @param  sentTimestampMillis when the task was sent, or {@link TaskEvents#UNKNOWN}
     * @param  claimedAtNanos      System.nanoTime() of the claim, or {@link TaskEvents#UNKNOWN}
     * @return                     {@code accepted}, or {@link SfnTaskOutcome#TASK_CLOSED} / {@link SfnTaskOutcome#INVALID_TOKEN}
     */
    public SfnTaskOutcome deliver(String token, TaskAnswer answer, SfnTaskOutcome accepted, TaskEvents events,
                                  long sentTimestampMillis, long claimedAtNanos) {
        SfnTaskOutcome outcome = send(token, answer, accepted);
        report(token, answer, accepted, outcome, events, sentTimestampMillis, claimedAtNanos);
        return outcome;
    }

    private static void report(String token, TaskAnswer answer, SfnTaskOutcome accepted, SfnTaskOutcome outcome,
                               TaskEvents events, long sentTimestampMillis, long claimedAtNanos) {
        long workNanos = claimedAtNanos == TaskEvents.UNKNOWN ? TaskEvents.UNKNOWN : System.nanoTime() - claimedAtNanos;
        events.taskAnswered(outcome, answer.errorName(), sentTimestampMillis, workNanos);
        if (answer.kind() == TaskAnswer.Kind.FAILURE && outcome == accepted) {
            events.taskFailed(TaskTokens.fingerprint(token), outcome, answer.error(), answer.cause());
        }
    }

    /**
     * The worker's own answer, sent with retries; before the second attempt, or when the first fails for good, it is
     * stored in the ledger under {@code claim} (so a kill, or the next delivery after the retries, finds it stored).
     * On the usual path this costs the ledger nothing but the close.
     *
     * @return the outcome as for {@link #deliver}, or {@link SfnTaskOutcome#CLAIM_LOST} when, after a failed attempt,
     *         the claim turned out to be given up or taken over (nothing more is sent)
     */
    SfnTaskOutcome answer(String token, TaskClaim claim, TaskAnswer answer, SfnTaskOutcome accepted, TaskEvents events,
                          long sentTimestampMillis, long claimedAtNanos) {
        StoreOnRetry storing = new StoreOnRetry(claim, answer);
        SfnTaskOutcome outcome;
        try {
            try {
                outcome = closeOn(token, answer, accepted, () -> retry.run(callName(answer), () -> {
                    storing.beforeAttempt();
                    attempt(token, answer);
                }));
            } catch (SdkException failed) {
                if (AwsRetry.isTransient(failed)) {
                    storing.store();
                }
                throw failed;
            }
        } catch (ClaimLost lost) {
            LOG.warn("Not answering {}: its claim was given up or taken over while the work ran",
                    TaskTokens.fingerprint(token));
            events.taskAnswered(SfnTaskOutcome.CLAIM_LOST, TaskEvents.NO_ERROR, sentTimestampMillis, TaskEvents.UNKNOWN);
            return SfnTaskOutcome.CLAIM_LOST;
        }
        report(token, answer, accepted, outcome, events, sentTimestampMillis, claimedAtNanos);
        return outcome;
    }

    /** Stores the answer once, from the second attempt on. */
    private final class StoreOnRetry {
        private final TaskClaim claim;
        private final TaskAnswer answer;
        private int attempts;
        private boolean stored;

        StoreOnRetry(TaskClaim claim, TaskAnswer answer) {
            this.claim = claim;
            this.answer = answer;
        }

        void beforeAttempt() {
            if (attempts++ > 0) {
                store();
            }
        }

        void store() {
            if (!stored) {
                stored = true;
                if (!TaskAnswers.this.store(claim, answer)) {
                    throw new ClaimLost();
                }
            }
        }
    }

    /** The claim was given up or taken over: the answer must not be sent. */
    private static final class ClaimLost extends RuntimeException {
        ClaimLost() {
            super(null, null, false, false);
        }
    }

    /** Sends an answer (retried) and closes its ledger record; the outcome as for {@link #deliver}. */
    SfnTaskOutcome send(String token, TaskAnswer answer, SfnTaskOutcome accepted) {
        return closeOn(token, answer, accepted, () -> retry.run(callName(answer), () -> attempt(token, answer)));
    }

    private static String callName(TaskAnswer answer) {
        return answer.kind() == TaskAnswer.Kind.SUCCESS ? "SendTaskSuccess" : "SendTaskFailure";
    }

    private void attempt(String token, TaskAnswer answer) {
        if (answer.kind() == TaskAnswer.Kind.SUCCESS) {
            sfn.sendTaskSuccess(r -> r.taskToken(token).output(answer.output()));
        } else {
            sfn.sendTaskFailure(r -> r.taskToken(token).error(answer.error()).cause(answer.cause()));
        }
    }

    /** Runs the call; the outcome it reports, closing the ledger record when Step Functions took it or refused it. */
    private SfnTaskOutcome closeOn(String token, TaskAnswer answer, SfnTaskOutcome accepted, Runnable call) {
        SfnTaskOutcome outcome;
        try {
            call.run();
            outcome = accepted;
        } catch (TaskTimedOutException | InvalidTokenException closed) {
            outcome = closed instanceof TaskTimedOutException ? SfnTaskOutcome.TASK_CLOSED : SfnTaskOutcome.INVALID_TOKEN;
            LOG.info("Task {} was already closed when its {} answer arrived ({}); nothing more to do",
                    TaskTokens.fingerprint(token), answer.kind(), errorCode(closed));
        }
        if (ledger != null) {
            ledger.close(TaskTokens.hash(token), outcome);
        }
        return outcome;
    }

    /**
     * Whether Step Functions still takes answers for the token: a heartbeat, which changes nothing else. A task the
     * ledger has closed can be open again when an emulator re-sends the same token for a retry of the Task state.
     */
    boolean stillOpen(String token) {
        try {
            retry.call("SendTaskHeartbeat", () -> sfn.sendTaskHeartbeat(r -> r.taskToken(token)));
            return true;
        } catch (TaskTimedOutException | InvalidTokenException closed) {
            return false;
        }
    }

    public static String errorCode(SfnException e) {
        return e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : e.getClass().getSimpleName();
    }
}
