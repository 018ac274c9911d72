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
    void componentOptionsAreCopiedIntoEachEndpoint() {
        SfnTaskComponent component = context.getComponent("sfn-task", SfnTaskComponent.class);
        // bind() consumes the map it is given, so it must be mutable.
        PropertyBindingSupport.build().bind(context, component,
                new HashMap<>(Map.of("tokenField", "id", "maxOutputBytes", "99")));

        SfnTaskConfiguration first = configurationOf("sfn-task:success");
        SfnTaskConfiguration second = configurationOf("sfn-task:success?tokenField=token");

        assertThat(first.getTokenField()).isEqualTo("id");
        assertThat(first.getMaxOutputBytes()).isEqualTo(99);
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
