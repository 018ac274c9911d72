package io.sfntaskbridge.component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.sfntaskbridge.task.MemoryTaskLedger;
import io.sfntaskbridge.task.SfnTaskOutcome;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;

import static org.awaitility.Awaitility.await;

/**
 * A worker endpoint end to end, without AWS: an activity worker whose activity tasks come from a fake Step Functions
 * client ({@link FakeSfnClient}), with an in-memory ledger, and a route whose body says how the work ends.
 */
abstract class SfnTaskWorkerTestSupport extends CamelTestSupport {

    static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAworkerTaskToken";
    static final String ACTIVITY = "arn:aws:states:us-east-1:000000000000:activity:test";
    static final String WORKER = "sfn-task:activity:" + ACTIVITY + "?keepAlive=false&retryInitialDelayMillis=1"
                                 + "&retryMaxDelayMillis=2&retryAttempts=3&retryDelaySeconds=0";

    final FakeSfnClient sfn = new FakeSfnClient();
    final MemoryTaskLedger ledger = new MemoryTaskLedger();
    final AtomicInteger work = new AtomicInteger();

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

    SfnTaskOutcome deliver(String input) {
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
}
