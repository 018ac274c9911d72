package io.sfntaskbridge.component;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim action and the ledger-backed answers: the work runs only for a delivery that holds the claim, and an
 * answer is stored before it is sent.
 */
class SfnTaskLedgerTest extends CamelTestSupport {

    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAledgerTaskToken";

    private final FakeSfnClient sfn = new FakeSfnClient();
    private final MemoryTaskLedger ledger = new MemoryTaskLedger();
    private final AtomicInteger work = new AtomicInteger();

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("stepFunctions", sfn);
        registry.bind("ledger", ledger);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:bigOutput")
                        .to("sfn-task:claim")
                        .setBody(constant(Map.of("blob", "x".repeat(300_000))))
                        .to("sfn-task:success");
                from("direct:worker")
                        .to("sfn-task:claim")
                        .process(exchange -> work.incrementAndGet())
                        .setBody(constant(Map.of("done", true)))
                        .to("sfn-task:success?retryInitialDelayMillis=1&retryMaxDelayMillis=2&retryAttempts=3");
            }
        };
    }

    private Exchange deliver() {
        return template.send("direct:worker", exchange -> exchange.getIn().setHeader(SfnTaskConstants.TASK_TOKEN, TOKEN));
    }

    private static SfnTaskOutcome outcome(Exchange exchange) {
        return exchange.getMessage().getHeader(SfnTaskConstants.OUTCOME, SfnTaskOutcome.class);
    }

    @Test
    void claimedDeliveryWorksStoresTheAnswerBeforeSendingAndCloses() {
        Exchange exchange = deliver();

        assertThat(work).hasValue(1);
        assertThat(outcome(exchange)).isEqualTo(SfnTaskOutcome.SUCCEEDED);
        assertThat(ledger.calls).containsExactly("claim", "store SUCCESS", "close SUCCEEDED");
        assertThat(ledger.stored.get(TaskTokens.hash(TOKEN)).output()).isEqualTo("{\"done\":true}");
        assertThat(sfn.successes).hasSize(1);
        assertThat(exchange.getProperty(SfnTaskConstants.CLAIM, TaskClaim.class).owned()).isTrue();
    }

    @Test
    void outputOverTheLimitIsStoredAsTheFailureItBecomesNeverCut() {
        Exchange exchange = template.send("direct:bigOutput",
                e -> e.getIn().setHeader(SfnTaskConstants.TASK_TOKEN, TOKEN));

        assertThat(outcome(exchange)).isEqualTo(SfnTaskOutcome.OUTPUT_TOO_LARGE);
        TaskAnswer stored = ledger.stored.get(TaskTokens.hash(TOKEN));
        assertThat(stored.kind()).isEqualTo(TaskAnswer.Kind.FAILURE);
        assertThat(stored.error()).isEqualTo(SfnTaskErrors.OUTPUT_TOO_LARGE);
        assertThat(stored.output()).isNull();
        assertThat(sfn.failures).singleElement().satisfies(f -> assertThat(f.error()).isEqualTo("Bridge.OutputTooLarge"));
    }

    @Test
    void deliveryHeldElsewhereStopsBeforeTheWork() {
        ledger.nextClaim(TaskClaim.Status.HELD_ELSEWHERE, null);

        Exchange exchange = deliver();

        assertThat(work).hasValue(0);
        assertThat(sfn.callCount()).isZero();
        assertThat(outcome(exchange)).isEqualTo(SfnTaskOutcome.HELD_ELSEWHERE);
        assertThat(ledger.calls).containsExactly("claim");
    }

    @Test
    void storedAnswerIsSentAgainWithoutTheWork() {
        ledger.nextClaim(TaskClaim.Status.ANSWER_STORED, TaskAnswer.failure("App.Refused", "order 7 refused"));

        Exchange exchange = deliver();

        assertThat(work).hasValue(0);
        assertThat(sfn.successes).isEmpty();
        assertThat(sfn.failures).singleElement().satisfies(failure -> {
            assertThat(failure.error()).isEqualTo("App.Refused");
            assertThat(failure.cause()).isEqualTo("order 7 refused");
        });
        assertThat(outcome(exchange)).isEqualTo(SfnTaskOutcome.RESENT);
        assertThat(ledger.calls).containsExactly("claim", "close RESENT");
    }

    @Test
    void closedTaskIsNeitherWorkedNorAnswered() {
        ledger.nextClaim(TaskClaim.Status.CLOSED, null);
        sfn.rejectNextCallAsTaskTimedOut();

        Exchange exchange = deliver();

        assertThat(work).hasValue(0);
        assertThat(sfn.callCount()).isZero();
        assertThat(outcome(exchange)).isEqualTo(SfnTaskOutcome.ALREADY_CLOSED);
        assertThat(ledger.calls).containsExactly("claim");
    }

    @Test
    void closedTaskThatStepFunctionsStillTakesIsWorkedAgain() {
        // LocalStack re-sends the same token when a Task state is retried: a heartbeat tells it is open again
        ledger.nextClaim(TaskClaim.Status.CLOSED, null);

        Exchange exchange = deliver();

        assertThat(sfn.heartbeats).hasSize(1);
        assertThat(work).hasValue(1);
        assertThat(outcome(exchange)).isEqualTo(SfnTaskOutcome.SUCCEEDED);
        assertThat(ledger.calls).containsExactly("claim", "reopen", "store SUCCESS", "close SUCCEEDED");
    }

    @Test
    void takenOverDeliveryDoesTheWork() {
        ledger.nextClaim(TaskClaim.Status.TAKEN_OVER, null);

        assertThat(outcome(deliver())).isEqualTo(SfnTaskOutcome.SUCCEEDED);
        assertThat(work).hasValue(1);
    }

    @Test
    void lostClaimSendsNothing() {
        ledger.loseClaims();

        Exchange exchange = deliver();

        assertThat(work).hasValue(1);
        assertThat(sfn.callCount()).isZero();
        assertThat(outcome(exchange)).isEqualTo(SfnTaskOutcome.CLAIM_LOST);
        assertThat(ledger.closed).isEmpty();
    }

    @Test
    void answerIsRetriedThroughANetworkBlipAndClosedOnce() {
        sfn.rejectNextCalls(2, SdkClientException.create("Connection refused"));

        Exchange exchange = deliver();

        assertThat(exchange.getException()).isNull();
        assertThat(sfn.successes).hasSize(1);
        assertThat(ledger.calls).containsExactly("claim", "store SUCCESS", "close SUCCEEDED");
    }

    @Test
    void answerFailingPastItsAttemptsFailsTheExchangeAndKeepsTheStoredAnswerOpen() {
        sfn.rejectNextCalls(3, SdkClientException.create("Connection refused"));

        Exchange exchange = deliver();

        assertThat(exchange.getException()).isInstanceOf(SdkClientException.class);
        assertThat(sfn.successes).isEmpty();
        assertThat(ledger.calls).containsExactly("claim", "store SUCCESS");
    }

    @Test
    void unreachableLedgerStartsNoWork() {
        ledger.failWith(new TaskLedgerException("ledger down", new java.sql.SQLException("Connection refused")));

        Exchange exchange = deliver();

        assertThat(exchange.getException()).isInstanceOf(TaskLedgerException.class);
        assertThat(work).hasValue(0);
        assertThat(sfn.callCount()).isZero();
    }
}
