package io.sfntaskbridge.component;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The component must resolve from its scheme alone, as YAML routes use it: nothing is registered but the client.
 */
class SfnTaskYamlRouteTest {

    private static final String ROUTES = """
            - route:
                from:
                  uri: direct:beat
                  steps:
                    - to:
                        uri: sfn-task:heartbeat
            - route:
                from:
                  uri: direct:answer
                  steps:
                    - to:
                        uri: sfn-task:success
                        parameters:
                          tokenField: token
                          maxOutputBytes: 1024
            """;

    private final FakeSfnClient sfn = new FakeSfnClient();
    private CamelContext context;

    @BeforeEach
    void startContextWithYamlRoutes() throws Exception {
        context = new DefaultCamelContext();
        context.getRegistry().bind("stepFunctions", sfn);
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("sfn-task-routes.yaml", ROUTES));
        context.start();
    }

    @AfterEach
    void stopContext() {
        context.stop();
    }

    @Test
    void yamlHeartbeatRouteSendsHeartbeatWithAutowiredClient() {
        Exchange exchange = context.createProducerTemplate().request("direct:beat",
                e -> e.getIn().setHeader(SfnTaskConstants.TASK_TOKEN, "yaml-token"));

        assertThat(exchange.getException()).isNull();
        assertThat(sfn.heartbeats).singleElement()
                .satisfies(request -> assertThat(request.taskToken()).isEqualTo("yaml-token"));
        assertThat(context.getComponent("sfn-task")).isInstanceOf(SfnTaskComponent.class);
    }

    @Test
    void yamlParametersBindToTheEndpointConfiguration() {
        context.createProducerTemplate().sendBody("direct:answer", Map.of("token", "from-body", "ok", true));

        SfnTaskConfiguration configuration = context.getEndpoints().stream()
                .filter(SfnTaskEndpoint.class::isInstance).map(SfnTaskEndpoint.class::cast)
                .filter(endpoint -> endpoint.getConfiguration().getAction() == SfnTaskAction.success)
                .findFirst().orElseThrow().getConfiguration();
        assertThat(configuration.getTokenField()).isEqualTo("token");
        assertThat(configuration.getMaxOutputBytes()).isEqualTo(1024);
        assertThat(sfn.successes).singleElement()
                .satisfies(request -> assertThat(request.taskToken()).isEqualTo("from-body"));
    }
}
