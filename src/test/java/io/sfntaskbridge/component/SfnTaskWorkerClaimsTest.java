package io.sfntaskbridge.component;

import java.time.Duration;

import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.task.TaskAnswer;
import io.sfntaskbridge.task.TaskClaim;
import io.sfntaskbridge.task.TaskLedgerException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ledger decides before the work: a delivery held elsewhere, answered, closed or taken over after an answer is not
 * worked again; a claim lost meanwhile sends nothing; an unreachable ledger starts no work.
 */
class SfnTaskWorkerClaimsTest extends SfnTaskWorkerTestSupport {

    @Test
    void deliveryHeldElsewhereIsNotWorked() {
        ledger.nextClaim(TaskClaim.Status.HELD_ELSEWHERE, null);

        assertThat(deliver("{}")).isEqualTo(SfnTaskOutcome.HELD_ELSEWHERE);
        assertThat(work).hasValue(0);
        assertThat(sfn.callCount()).isZero();
        assertThat(ledger.calls).containsExactly("claim");
    }

    @Test
    void storedAnswerIsSentAgainWithoutTheWork() {
        ledger.nextClaim(TaskClaim.Status.ANSWER_STORED, TaskAnswer.failure("App.Refused", "order 7 refused"));

        assertThat(deliver("{}")).isEqualTo(SfnTaskOutcome.RESENT);
        assertThat(work).hasValue(0);
        assertThat(sfn.successes).isEmpty();
        assertThat(sfn.failures).singleElement().satisfies(failure -> {
            assertThat(failure.error()).isEqualTo("App.Refused");
            assertThat(failure.cause()).isEqualTo("order 7 refused");
        });
        assertThat(ledger.calls).containsExactly("claim", "close RESENT");
    }

    @Test
    void closedTaskIsNeitherWorkedNorAnswered() {
        ledger.nextClaim(TaskClaim.Status.CLOSED, null);
        sfn.rejectNextCallAsTaskTimedOut();

        assertThat(deliver("{}")).isEqualTo(SfnTaskOutcome.ALREADY_CLOSED);
        assertThat(work).hasValue(0);
        assertThat(sfn.callCount()).isZero();
        assertThat(ledger.calls).containsExactly("claim");
    }

    @Test
    void closedTaskThatStepFunctionsStillTakesIsWorkedAgain() {
        // LocalStack re-sends the same token when a Task state is retried: a heartbeat tells it is open again
        ledger.nextClaim(TaskClaim.Status.CLOSED, null);

        assertThat(deliver("{}")).isEqualTo(SfnTaskOutcome.SUCCEEDED);
        assertThat(sfn.heartbeats).hasSize(1);
        assertThat(work).hasValue(1);
        assertThat(ledger.calls).containsExactly("claim", "reopen", "close SUCCEEDED");
    }

    @Test
    void takenOverDeliveryDoesTheWork() {
        ledger.nextClaim(TaskClaim.Status.TAKEN_OVER, null);

        assertThat(deliver("{}")).isEqualTo(SfnTaskOutcome.SUCCEEDED);
        assertThat(sfn.heartbeats).as("asked whether the task is still open").hasSize(1);
        assertThat(work).hasValue(1);
    }

    @Test
    void takenOverDeliveryOfATaskAnsweredBeforeItsCloseWasWrittenIsNotWorkedAgain() {
        // the earlier instance was killed between the answer and the (grouped) write of its close
        ledger.nextClaim(TaskClaim.Status.TAKEN_OVER, null);
        sfn.rejectNextCallAsTaskTimedOut();

        assertThat(deliver("{}")).isEqualTo(SfnTaskOutcome.ALREADY_CLOSED);
        assertThat(work).hasValue(0);
        assertThat(sfn.successes).isEmpty();
        assertThat(ledger.calls).containsExactly("claim", "close ALREADY_CLOSED");
    }

    @Test
    void aClaimLostWhileTheWorkRanSendsNothingMoreOnceAnAttemptFailed() {
        ledger.loseClaims();
        sfn.rejectNextCall(SdkClientException.create("Connection reset"));

        assertThat(deliver("{}")).isEqualTo(SfnTaskOutcome.CLAIM_LOST);
        assertThat(work).hasValue(1);
        assertThat(sfn.callCount()).as("the failed attempt only").isZero();
        assertThat(ledger.calls).containsExactly("claim", "store SUCCESS");
        assertThat(ledger.closed).isEmpty();
    }

    @Test
    void unreachableLedgerStartsNoWork() throws Exception {
        ledger.failWith(new TaskLedgerException("ledger down", new java.sql.SQLException("Connection refused")));
        sfn.addActivityTask(TOKEN, "{}");

        await().atMost(Duration.ofSeconds(5)).until(() -> ledger.calls.contains("claim"));
        Thread.sleep(300);
        assertThat(work).hasValue(0);
        assertThat(sfn.callCount()).isZero();
    }
}
