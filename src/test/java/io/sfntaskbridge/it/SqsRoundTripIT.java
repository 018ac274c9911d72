package io.sfntaskbridge.it;

import java.time.Duration;
import java.util.Map;

import io.sfntaskbridge.testsupport.LocalStack;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * aws2-sqs against the emulator: one route sends, another consumes, and the consumer deletes what it processed.
 */
class SqsRoundTripIT extends CamelTestSupport {

    private final String queue = LocalStack.uniqueName("roundtrip");

    @Override
    protected void bindToRegistry(Registry registry) {
        // the only SqsClient in the registry, so aws2-sqs autowires it as the bridge's runtime does
        registry.bind("sqsClient", LocalStack.sqs());
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").routeId("send")
                        .to("aws2-sqs:" + queue + "?autoCreateQueue=true");
                from("aws2-sqs:" + queue + "?autoCreateQueue=true&waitTimeSeconds=1").routeId("receive")
                        .to("mock:received");
            }
        };
    }

    @Test
    void messageSentByOneRouteIsConsumedByTheOtherAndLeavesTheQueueEmpty() throws Exception {
        MockEndpoint received = getMockEndpoint("mock:received");
        received.expectedBodiesReceived("{\"orderId\":\"42\"}");
        received.setResultWaitTime(Duration.ofSeconds(20).toMillis());

        template.sendBody("direct:send", "{\"orderId\":\"42\"}");

        received.assertIsSatisfied();
        SqsClient sqs = LocalStack.sqs();
        String url = sqs.getQueueUrl(request -> request.queueName(queue)).queueUrl();
        // the consumer deletes after the exchange completes, just after the mock saw it
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(request -> request.queueUrl(url)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            assertThat(attributes)
                    .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
                    .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");
        });

        context.getRouteController().stopRoute("receive");
        sqs.deleteQueue(request -> request.queueUrl(url));
    }
}
