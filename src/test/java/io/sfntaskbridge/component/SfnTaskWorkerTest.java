package io.sfntaskbridge.component;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.sfntaskbridge.task.SfnTaskErrors;
import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.task.TaskAnswer;
import io.sfntaskbridge.task.TaskTokens;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The work and its answer: the route's result is answered without being stored when it goes through, an exception
 * becomes a failure with a mapped name, a route that answers by itself is not answered twice, answers are retried, and
 * a drain fails an unfinished activity task with a named error; the cap holds when the work goes asynchronous.
 */
class SfnTaskWorkerTest extends SfnTaskWorkerTestSupport {

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
        AtomicInteger inWork = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
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
}
