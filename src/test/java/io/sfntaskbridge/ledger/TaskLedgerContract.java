package io.sfntaskbridge.ledger;

import java.time.Duration;

import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.task.TaskAnswer;
import io.sfntaskbridge.task.TaskClaim;
import io.sfntaskbridge.task.TaskClaim.Status;
import io.sfntaskbridge.task.TaskTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What every database behind {@link JdbcTaskLedger} must do for a delivery; subclasses supply the database. */
abstract class TaskLedgerContract extends LedgerDatabaseContract {

    @Test
    void firstDeliveryClaimsTheToken() {
        String token = token();
        TaskClaim claim = ledger("a").claim(token);
        assertThat(claim.status()).isEqualTo(Status.CLAIMED);
        assertThat(claim.owned()).isTrue();
        assertThat(claim.tokenHash()).isEqualTo(TaskTokens.hash(token));
        assertThat(claim.claimId()).startsWith("a:");
        assertThat(claim.leaseUntil()).isEqualTo(clock.millis() + LEASE.toMillis());
    }

    @Test
    void deliveryWhileTheLeaseLivesIsHeldElsewhere() {
        String token = token();
        TaskClaim first = ledger("a").claim(token);
        clock.advance(Duration.ofSeconds(20));
        assertThat(ledger("a").renew(first)).isTrue();
        TaskClaim second = ledger("b").claim(token);
        assertThat(second.status()).isEqualTo(Status.HELD_ELSEWHERE);
        assertThat(second.owned()).isFalse();
        assertThat(second.claimId()).isNull();
        assertThat(second.leaseUntil()).isEqualTo(clock.millis() + LEASE.toMillis());
    }

    @Test
    void expiredLeaseIsTakenOverAndTheOldClaimIsFencedOff() {
        String token = token();
        TaskClaim old = ledger("a").claim(token);
        clock.advance(LEASE.plusSeconds(1));
        TaskClaim taken = ledger("b").claim(token);
        assertThat(taken.status()).isEqualTo(Status.TAKEN_OVER);
        assertThat(taken.claimId()).startsWith("b:").isNotEqualTo(old.claimId());
        assertThat(ledger("a").renew(old)).isFalse();
        assertThat(ledger("a").storeAnswer(old, TaskAnswer.success("{\"stale\":true}"))).isFalse();
        assertThat(ledger("b").renew(taken)).isTrue();
        assertThat(ledger("c").claim(token).status()).isEqualTo(Status.HELD_ELSEWHERE);
        assertThat(column(taken.tokenHash(), "owner")).isEqualTo("b");
        assertThat(column(taken.tokenHash(), "claims")).isEqualTo("2");
    }

    @Test
    void storedSuccessIsHandedToTheNextDeliveryWhole() {
        String token = token();
        TaskClaim claim = ledger("a").claim(token);
        TaskAnswer answer = TaskAnswer.success("\"" + "x".repeat(262142) + "\"");
        assertThat(ledger("a").storeAnswer(claim, answer)).isTrue();
        assertThat(ledger("a").renew(claim)).as("an answered claim is no longer renewed").isFalse();
        TaskClaim again = ledger("b").claim(token);
        assertThat(again.status()).isEqualTo(Status.ANSWER_STORED);
        assertThat(again.storedAnswer()).isEqualTo(answer);
        clock.advance(LEASE.multipliedBy(10));
        assertThat(ledger("b").claim(token).status()).as("no take-over of an answer").isEqualTo(Status.ANSWER_STORED);
    }

    @Test
    void storedFailureIsHandedToTheNextDeliveryWhole() {
        String token = token();
        TaskClaim claim = ledger("a").claim(token);
        TaskAnswer answer = TaskAnswer.failure("E".repeat(256), "c".repeat(32768));
        assertThat(ledger("a").storeAnswer(claim, answer)).isTrue();
        assertThat(ledger("b").claim(token).storedAnswer()).isEqualTo(answer);
    }

    @Test
    void closedTokenIsReportedClosedAndItsAnswerCleared() {
        String token = token();
        TaskClaim claim = ledger("a").claim(token);
        ledger("a").storeAnswer(claim, TaskAnswer.success("{\"total\":42}"));
        ledger("a").close(claim.tokenHash(), SfnTaskOutcome.SUCCEEDED);
        TaskClaim later = ledger("b").claim(token);
        assertThat(later.status()).isEqualTo(Status.CLOSED);
        assertThat(later.storedAnswer()).isNull();
        assertThat(column(claim.tokenHash(), "output")).isNull();
        assertThat(column(claim.tokenHash(), "outcome")).isEqualTo("SUCCEEDED");
        clock.advance(LEASE.multipliedBy(10));
        assertThat(ledger("b").claim(token).status()).isEqualTo(Status.CLOSED);
    }

    @Test
    void closingAnUnknownTokenStillClosesIt() {
        String token = token();
        ledger("a").close(TaskTokens.hash(token), SfnTaskOutcome.INVALID_TOKEN);
        assertThat(ledger("b").claim(token).status()).isEqualTo(Status.CLOSED);
    }

    @Test
    void releasedClaimIsTakenOverAtOnce() {
        String token = token();
        TaskClaim claim = ledger("a").claim(token);
        ledger("a").release(claim);
        TaskClaim next = ledger("b").claim(token);
        assertThat(next.status()).isEqualTo(Status.TAKEN_OVER);
        assertThat(ledger("a").renew(claim)).isFalse();
    }

    @Test
    void releasedClaimCanNoLongerStoreAnAnswerEvenBeforeAnyoneTakesItOver() {
        String token = token();
        TaskClaim claim = ledger("a").claim(token);
        ledger("a").release(claim);

        assertThat(ledger("a").storeAnswer(claim, TaskAnswer.success("{}"))).isFalse();
        assertThat(ledger("a").renew(claim)).isFalse();
        assertThat(ledger("b").claim(token).status()).isEqualTo(Status.TAKEN_OVER);
    }

    @Test
    void closedTokenCanBeReopenedOnceForAnotherAttempt() {
        String token = token();
        TaskClaim first = ledger("a").claim(token);
        ledger("a").storeAnswer(first, TaskAnswer.failure("Bridge.Timeout", "slow"));
        ledger("a").close(first.tokenHash(), SfnTaskOutcome.FAILED);

        TaskClaim again = ledger("b").reopen(token);
        assertThat(again.status()).isEqualTo(Status.CLAIMED);
        assertThat(ledger("a").reopen(token).status()).as("a second reopen finds it held").isEqualTo(Status.HELD_ELSEWHERE);
        assertThat(ledger("b").storeAnswer(again, TaskAnswer.success("{}"))).isTrue();
        assertThat(ledger("a").claim(token).status()).isEqualTo(Status.ANSWER_STORED);
    }

    @Test
    void purgeDeletesOnlyRecordsOlderThanTheCutoff() {
        String oldToken = token();
        String newToken = token();
        ledger("a").close(ledger("a").claim(oldToken).tokenHash(), SfnTaskOutcome.SUCCEEDED);
        clock.advance(Duration.ofDays(15));
        ledger("a").claim(newToken);
        assertThat(ledger("a").purgeOlderThan(clock.instant().minus(Duration.ofDays(14)))).isEqualTo(1);
        assertThat(ledger("a").purgeOlderThan(clock.instant().minus(Duration.ofDays(14)))).isZero();
        assertThat(ledger("b").claim(newToken).status()).isEqualTo(Status.HELD_ELSEWHERE);
        assertThat(ledger("b").claim(oldToken).status()).as("forgotten, so new").isEqualTo(Status.CLAIMED);
    }
}
