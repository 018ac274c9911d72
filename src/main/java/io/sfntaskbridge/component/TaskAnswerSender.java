package io.sfntaskbridge.component;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Sends a {@link TaskAnswer} with SendTaskSuccess or SendTaskFailure, retried through {@link AwsRetry}, and closes its
 * ledger record once Step Functions accepted it or said the task is closed. A failure after the last attempt is thrown;
 * the stored answer then waits for the message's next delivery.
 */
final class TaskAnswerSender {

    private static final Logger LOG = LoggerFactory.getLogger(TaskAnswerSender.class);

    private final SfnClient sfn;
    private final AwsRetry retry;
    private final TaskLedger ledger;

    TaskAnswerSender(SfnClient sfn, AwsRetry retry, TaskLedger ledger) {
        this.sfn = sfn;
        this.retry = retry;
        this.ledger = ledger;
    }

    /**
     * @param  accepted the outcome to report when Step Functions takes the answer
     * @return          {@code accepted}, or {@link SfnTaskOutcome#TASK_CLOSED} / {@link SfnTaskOutcome#INVALID_TOKEN}
     */
    SfnTaskOutcome send(String token, TaskAnswer answer, SfnTaskOutcome accepted) {
        SfnTaskOutcome outcome;
        try {
            if (answer.kind() == TaskAnswer.Kind.SUCCESS) {
                retry.call("SendTaskSuccess", () -> sfn.sendTaskSuccess(r -> r.taskToken(token).output(answer.output())));
            } else {
                retry.call("SendTaskFailure", () -> sfn.sendTaskFailure(r -> r.taskToken(token).error(answer.error())
                        .cause(answer.cause())));
            }
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

    static String errorCode(SfnException e) {
        return e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : e.getClass().getSimpleName();
    }
}
