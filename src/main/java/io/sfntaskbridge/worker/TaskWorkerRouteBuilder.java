package io.sfntaskbridge.worker;

import org.apache.camel.builder.RouteBuilder;

/**
 * Java DSL twin of {@code routes/task-worker.camel.yaml}, for users who assemble routes in code. It keeps the YAML
 * route's id, so loading both by mistake fails at startup instead of consuming the queue twice.
 */
public class TaskWorkerRouteBuilder extends RouteBuilder {

    @Override
    public void configure() {
        from("aws2-sqs:{{bridge.worker.queue-name}}"
             + "?concurrentConsumers={{bridge.worker.receivers}}"
             + "&maxMessagesPerPoll={{bridge.worker.max-messages-per-poll}}"
             + "&pollStrategy=#concurrencyGate"
             + "&waitTimeSeconds={{bridge.worker.wait-time-seconds}}"
             + "&greedy=true"
             + "&delay={{bridge.worker.poll-delay-millis}}"
             + "&visibilityTimeout={{bridge.worker.visibility-timeout-seconds}}"
             + "&deleteAfterRead=false"
             + "&attributeNames=SentTimestamp,ApproximateReceiveCount"
             + "&backoffErrorThreshold=1"
             + "&backoffMultiplier={{bridge.worker.poll-error-backoff-polls}}")
                .routeId("task-worker")
                .routeConfigurationId(TaskAnswersRouteConfiguration.ID)
                // Must stay first: see ConcurrencyGate
                .bean("concurrencyGate")
                .bean("taskEnvelope")
                .bean("taskKeepAlive")
                .to("sfn-task:claim")
                .bean("concurrencyGate", "awaitTurn")
                // doTry, not onException: see routes/task-worker.camel.yaml
                .doTry()
                    .to("direct:enrich-order")
                .doCatch(Exception.class)
                    .to(TaskAnswersRouteConfiguration.ANSWER_FAILURE)
                    .stop()
                .end()
                .to("sfn-task:success")
                .addOutput(TaskAnswersRouteConfiguration.outcomeLog());
    }
}
