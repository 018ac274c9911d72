package io.sfntaskbridge.component;

import io.sfntaskbridge.task.SfnTaskErrors;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SfnTaskComponentTest {

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stopContext() {
        context.stop();
    }

    private SfnTaskConfiguration configurationOf(String uri) {
        return context.getEndpoint(uri, SfnTaskEndpoint.class).getConfiguration();
    }

    @Test
    void unknownActionFailsNamingTheValidActions() {
        assertThatThrownBy(() -> context.getEndpoint("sfn-task:bogus"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining("bogus")
                .hasMessageContaining("success, failure, heartbeat");
    }

    @Test
    void actionIsTakenFromThePath() {
        assertThat(configurationOf("sfn-task:failure").getAction()).isEqualTo(SfnTaskAction.failure);
    }

    @Test
    void defaultsApplyWhenNoOptionIsGiven() {
        SfnTaskConfiguration configuration = configurationOf("sfn-task:success");

        assertThat(configuration.getTokenField()).isEqualTo("taskToken");
        assertThat(configuration.getMaxOutputBytes()).isEqualTo(262144);
        assertThat(configuration.getDefaultErrorName()).isEqualTo(SfnTaskErrors.TASK_FAILED);
        assertThat(configuration.getErrorMapping()).isNull();
        assertThat(configuration.isFailOnClosedTask()).isFalse();
        assertThat(configuration.isOverrideEndpoint()).isFalse();
    }

    @Test
    void maxOutputBytesBindsFromTheUri() {
        assertThat(configurationOf("sfn-task:success?maxOutputBytes=1000").getMaxOutputBytes()).isEqualTo(1000);
    }

    @Test
    void tokenFieldBindsFromTheUri() {
        assertThat(configurationOf("sfn-task:success?tokenField=token").getTokenField()).isEqualTo("token");
    }

    @Test
    void errorMappingBindsFromTheUri() {
        assertThat(configurationOf("sfn-task:failure?errorMapping=java.io.IOException=App.Io").getErrorMapping())
                .isEqualTo("java.io.IOException=App.Io");
    }

    @Test
    void malformedErrorMappingFailsWhenTheUriIsResolved() {
        assertThatThrownBy(() -> context.getEndpoint("sfn-task:failure?errorMapping=java.io.IOException"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining("fully.qualified.ExceptionClass=Error.Name");
    }

    @Test
    void defaultErrorNameBindsFromTheUri() {
        assertThat(configurationOf("sfn-task:failure?defaultErrorName=App.Failed").getDefaultErrorName())
                .isEqualTo("App.Failed");
    }

    @Test
    void failOnClosedTaskBindsFromTheUri() {
        assertThat(configurationOf("sfn-task:heartbeat?failOnClosedTask=true").isFailOnClosedTask()).isTrue();
    }

    @Test
    void clientOptionsBindFromTheUri() {
        SfnTaskConfiguration configuration = configurationOf(
                "sfn-task:heartbeat?region=eu-west-1&overrideEndpoint=true&uriEndpointOverride=http://localhost:4566");

        assertThat(configuration.getRegion()).isEqualTo("eu-west-1");
        assertThat(configuration.isOverrideEndpoint()).isTrue();
        assertThat(configuration.getUriEndpointOverride()).isEqualTo("http://localhost:4566");
    }

    @Test
    void aWorkerNamesItsQueueOrActivityInThePath() {
        SfnTaskConfiguration queue = configurationOf("sfn-task:queue:erp-tasks");
        assertThat(queue.getAction()).isEqualTo(SfnTaskAction.queue);
        assertThat(queue.getName()).isEqualTo("erp-tasks");
        SfnTaskConfiguration activity = configurationOf("sfn-task:activity:arn:aws:states:eu-west-1:123:activity:crm");
        assertThat(activity.getAction()).isEqualTo(SfnTaskAction.activity);
        assertThat(activity.getName()).isEqualTo("arn:aws:states:eu-west-1:123:activity:crm");
    }

    @Test
    void aWorkerWithoutANameOrAProducerWithOneIsRefusedSayingWhatIsExpected() {
        assertThatThrownBy(() -> context.getEndpoint("sfn-task:queue")).isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining("sfn-task:queue needs a name: sfn-task:queue:<queue name or URL>");
        assertThatThrownBy(() -> context.getEndpoint("sfn-task:success:orders"))
                .isInstanceOf(ResolveEndpointFailedException.class).hasMessageContaining("takes no name");
        assertThatThrownBy(() -> context.getEndpoint("sfn-task:claim")).isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining("the workers (sfn-task:queue:<name>, sfn-task:activity:<name>) claim every task");
    }

    @Test
    void workerOptionsBindFromTheUri() {
        SfnTaskConfiguration worker = configurationOf("sfn-task:queue:erp?concurrentConsumers=2&waitingRoom=3"
                + "&globalConcurrency=7&maxMessagesPerPoll=4&waitTimeSeconds=1&visibilityTimeout=90"
                + "&heartbeatIntervalSeconds=9&retryDelaySeconds=8&drainTimeoutSeconds=11&dlqName=erp-dlq"
                + "&taskLogLevel=INFO&keepAlive=false&receiveErrorBackoffMillis=700&inFlightLogIntervalSeconds=0"
                + "&sqsRetryAttempts=2&workerName=w-1");
        assertThat(worker.getConcurrentConsumers()).isEqualTo(2);
        assertThat(worker.getWaitingRoom()).isEqualTo(3);
        assertThat(worker.getGlobalConcurrency()).isEqualTo(7);
        assertThat(worker.getMaxMessagesPerPoll()).isEqualTo(4);
        assertThat(worker.getWaitTimeSeconds()).isEqualTo(1);
        assertThat(worker.getVisibilityTimeout()).isEqualTo(90);
        assertThat(worker.getHeartbeatIntervalSeconds()).isEqualTo(9);
        assertThat(worker.getRetryDelaySeconds()).isEqualTo(8);
        assertThat(worker.getDrainTimeoutSeconds()).isEqualTo(11);
        assertThat(worker.getDlqName()).isEqualTo("erp-dlq");
        assertThat(worker.getTaskLogLevel()).isEqualTo("INFO");
        assertThat(worker.isKeepAlive()).isFalse();
        assertThat(worker.getReceiveErrorBackoffMillis()).isEqualTo(700);
        assertThat(worker.getInFlightLogIntervalSeconds()).isZero();
        assertThat(worker.getSqsRetryAttempts()).isEqualTo(2);
        assertThat(worker.getWorkerName()).isEqualTo("w-1");
    }

    @Test
    void aWorkerIsAConsumerOnlyAndAnAnswerAProducerOnly() {
        assertThatThrownBy(() -> context.getEndpoint("sfn-task:queue:erp").createProducer())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use it in from()");
        assertThatThrownBy(() -> context.getEndpoint("sfn-task:success").createConsumer(exchange -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only answers tasks");
    }

    @Test
    void componentOptionsAreCopiedIntoEachEndpoint() {
        SfnTaskComponent component = context.getComponent("sfn-task", SfnTaskComponent.class);
        // bind() consumes the map it is given, so it must be mutable.
        PropertyBindingSupport.build().bind(context, component,
                new HashMap<>(Map.of("tokenField", "id", "maxOutputBytes", "99", "concurrentConsumers", "4")));

        SfnTaskConfiguration first = configurationOf("sfn-task:success");
        SfnTaskConfiguration second = configurationOf("sfn-task:success?tokenField=token");
        SfnTaskConfiguration worker = configurationOf("sfn-task:queue:crm?concurrentConsumers=20");

        assertThat(first.getTokenField()).isEqualTo("id");
        assertThat(first.getMaxOutputBytes()).isEqualTo(99);
        assertThat(first.getConcurrentConsumers()).as("the component's default").isEqualTo(4);
        assertThat(worker.getConcurrentConsumers()).as("the URI's").isEqualTo(20);
        assertThat(second.getTokenField()).isEqualTo("token");
        assertThat(component.getConfiguration().getTokenField()).isEqualTo("id");
    }

    @Test
    void generatedConfigurersAndUriFactoryAreUsed() throws Exception {
        assertThat(PluginHelper.getConfigurerResolver(context).resolvePropertyConfigurer("sfn-task-endpoint", context))
                .isInstanceOf(SfnTaskEndpointConfigurer.class);
        assertThat(context.getCamelContextExtension().getEndpointUriFactory("sfn-task")
                .buildUri("sfn-task", Map.of("action", "heartbeat", "maxOutputBytes", 10)))
                .isEqualTo("sfn-task:heartbeat?maxOutputBytes=10");
    }

    @Test
    void endpointBuildsItsOwnClientWhenNoneIsConfigured() {
        SfnTaskEndpoint endpoint = context.getEndpoint(
                "sfn-task:heartbeat?region=eu-west-1&overrideEndpoint=true&uriEndpointOverride=http://localhost:4566",
                SfnTaskEndpoint.class);

        endpoint.start();
        SfnClient built = endpoint.getSfnClient();
        endpoint.stop();

        assertThat(built).isNotNull().isNotInstanceOf(FakeSfnClient.class);
        assertThat(built.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
        assertThat(built.serviceClientConfiguration().endpointOverride()).contains(URI.create("http://localhost:4566"));
        assertThat(endpoint.getSfnClient()).isNull();
    }
}
