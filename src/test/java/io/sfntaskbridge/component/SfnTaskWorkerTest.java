package io.sfntaskbridge.component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.sfntaskbridge.task.MemoryTaskLedger;
import io.sfntaskbridge.task.SfnTaskErrors;
import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.task.TaskAnswer;
import io.sfntaskbridge.task.TaskClaim;
import io.sfntaskbridge.task.TaskLedgerException;
import io.sfntaskbridge.task.TaskTokens;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker endpoint end to end, without AWS: an activity worker whose activity tasks come from a fake Step Functions
 * client, with an in-memory ledger. The work runs only for a delivery that holds the claim, the route's result is
 * stored before it is sent, an exception becomes a failure with a mapped name, and a route that answers by itself is
 * not answered twice.
 */
class SfnTaskWorkerTest extends CamelTestSupport {

    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAworkerTaskToken";
    private static final String ACTIVITY = "arn:aws:states:us-east-1:000000000000:activity:test";
    private static final String WORKER = "sfn-task:activity:" + ACTIVITY + "?keepAlive=false&retryInitialDelayMillis=1"
                                         + "&retryMaxDelayMillis=2&retryAttempts=3&retryDelaySeconds=0";

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
                from(WORKER).routeId("worker")
                        .process(exchange -> work.incrementAndGet())
                        .choice()
                            .when(simple("${body[fail]} == 'argument'"))
                                .throwException(new IllegalArgumentException("order 9 has no lines"))
                            .when(simple("${body[fail]} == 'self'"))
                                .setHeader(SfnTaskConstants.ERROR, constant("App.Refused"))
                                .to("sfn-task:failure")
                            .when(simple("${body[big]} == true"))
                                .setBody(constant(Map.of("blob", "x".repeat(300_000))))
                            .otherwise()
                                .setBody(constant(Map.of("done", true)));
            }
        };
    }

    private SfnTaskOutcome deliver(String input) {
        SfnTaskEndpoint endpoint = context.getEndpoint(WORKER, SfnTaskEndpoint.class);
        long before = settledCount(endpoint);
        sfn.addActivityTask(TOKEN, input);
        await().atMost(Duration.ofSeconds(5)).until(() -> settledCount(endpoint) > before);
        for (SfnTaskOutcome outcome : SfnTaskOutcome.values()) {
            if (endpoint.getOutcomeCount(outcome) > 0) {
                return outcome;
            }
        }
        throw new AssertionError("no outcome");
    }

    private static long settledCount(SfnTaskEndpoint endpoint) {
        long sum = 0;
        for (SfnTaskOutcome outcome : SfnTaskOutcome.values()) {
            sum += endpoint.getOutcomeCount(outcome);
        }
        return sum;
    }

    @Test
    void claimedTaskIsWorkedAnsweredWithItsResultAndClosedWithoutStoringAnAnswerThatWentThrough() {
        assertThat(deliver("{\"orderId\": \"o-1\"}")).isEqualTo(SfnTaskOutcome.SUCCEEDED);

        assertThat(work).hasValue(1);
        assertThat(ledger.calls).containsExactly("claim", "close SUCCEEDED");
        assertThat(ledger.stored).as("taken at the first attempt: nothing to keep").isEmpty();
        assertThat(sfn.successes).singleElement().satisfies(s -> assertThat(s.output()).isEqualTo("{\"done\":true}"));
    }

    @Test
    void anExceptionOfTheWorkIsAnsweredAsAFailureWithItsMappedName() {
        assertThat(deliver("{\"fail\": \"argument\"}")).isEqualTo(SfnTaskOutcome.FAILED);

        assertThat(sfn.failures).singleElement().satisfies(failure -> {
            assertThat(failure.error()).isEqualTo(SfnTaskErrors.INVALID_INPUT);
            assertThat(failure.cause()).isEqualTo("order 9 has no lines");
        });
        assertThat(ledger.calls).containsExactly("claim", "close FAILED");
    }

    @Test
    void aRouteThatAnswersByItselfIsNotAnsweredAgain() {
        assertThat(deliver("{\"fail\": \"self\"}")).isEqualTo(SfnTaskOutcome.FAILED);

        assertThat(sfn.failures).singleElement().satisfies(f -> assertThat(f.error()).isEqualTo("App.Refused"));
        assertThat(sfn.successes).isEmpty();
        assertThat(ledger.calls).containsExactly("claim", "store FAILURE", "close FAILED");
    }

    @Test
    void inputThatIsNotAnObjectIsAnsweredInvalidInputWithoutTheWork() {
        assertThat(deliver("[1, 2]")).isEqualTo(SfnTaskOutcome.FAILED);

        assertThat(work).hasValue(0);
        assertThat(sfn.failures).singleElement().satisfies(f -> assertThat(f.error()).isEqualTo("Bridge.InvalidInput"));
    }

    @Test
    void outputOverTheLimitIsStoredAsTheFailureItBecomesNeverCut() {
        sfn.rejectNextCall(SdkClientException.create("Connection reset"));

        assertThat(deliver("{\"big\": true}")).isEqualTo(SfnTaskOutcome.OUTPUT_TOO_LARGE);

        TaskAnswer stored = ledger.stored.get(TaskTokens.hash(TOKEN));
        assertThat(stored.kind()).isEqualTo(TaskAnswer.Kind.FAILURE);
        assertThat(stored.error()).isEqualTo(SfnTaskErrors.OUTPUT_TOO_LARGE);
        assertThat(stored.output()).isNull();
        assertThat(sfn.failures).singleElement().satisfies(f -> assertThat(f.error()).isEqualTo("Bridge.OutputTooLarge"));
    }

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
    void answerIsRetriedThroughANetworkBlipAndClosedOnce() {
        sfn.rejectNextCalls(2, SdkClientException.create("Connection refused"));

        assertThat(deliver("{}")).isEqualTo(SfnTaskOutcome.SUCCEEDED);
        assertThat(sfn.successes).hasSize(1);
        assertThat(ledger.calls).containsExactly("claim", "store SUCCESS", "close SUCCEEDED");
    }

    @Test
    void anActivityTaskWhoseAnswerFailsPastItsAttemptsKeepsItsStoredAnswerAndTriesAgain() {
        // 3 attempts per round: the first round fails, the second gets through
        sfn.rejectNextCalls(4, SdkClientException.create("Connection refused"));

        assertThat(deliver("{}")).isEqualTo(SfnTaskOutcome.SUCCEEDED);
        assertThat(work).as("not worked again").hasValue(1);
        assertThat(ledger.calls).containsExactly("claim", "store SUCCESS", "close SUCCEEDED");
    }

    @Test
    void anActivityTaskStillRunningWhenTheDrainEndsIsFailedWithANamedErrorAndItsLateAnswerIsNotSent()
            throws Exception {
        context.getRouteController().stopRoute("worker");
        context.removeRoute("worker");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(WORKER + "&drainTimeoutSeconds=1").routeId("slow")
                        .process(exchange -> work.incrementAndGet())
                        .delay(3000).asyncDelayed();
            }
        });
        sfn.addActivityTask(TOKEN, "{}");
        await().atMost(Duration.ofSeconds(5)).until(() -> work.get() == 1);

        context.getRouteController().stopRoute("slow");

        assertThat(sfn.failures).singleElement().satisfies(failure -> {
            assertThat(failure.error()).isEqualTo(SfnTaskErrors.WORKER_STOPPED);
            assertThat(failure.cause()).contains("stopped before the task finished");
        });
        Thread.sleep(2500);
        assertThat(sfn.callCount()).as("the cut-off work answers nothing more").isEqualTo(1);
        assertThat(ledger.calls).containsExactly("claim", "store FAILURE", "close FAILED");
    }

    @Test
    void theCapHoldsWhenTheWorkGoesAsynchronous() throws Exception {
        context.getRouteController().stopRoute("worker");
        context.removeRoute("worker");
        java.util.concurrent.atomic.AtomicInteger inWork = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(WORKER + "&concurrentConsumers=2").routeId("async")
                        .process(exchange -> most.accumulateAndGet(inWork.incrementAndGet(), Math::max))
                        .delay(200).asyncDelayed()
                        .process(exchange -> inWork.decrementAndGet());
            }
        });
        for (int i = 0; i < 8; i++) {
            sfn.addActivityTask(TOKEN + i, "{}");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sfn.successes.size() == 8);
        assertThat(most).as("most tasks in the work at once").hasValue(2);
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
