package io.sfntaskbridge.testsupport;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.sfntaskbridge.testsupport.Toxiproxy.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fault-injection tools work together, without the runtime: Toxiproxy in front of the counting backend and in
 * front of LocalStack, and the test enrichment route calling the backend through a proxy.
 */
class FaultToolsIT {

    private final Toxiproxy toxiproxy = Toxiproxy.fromEnvironment();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<FaultProxy> proxies = new ArrayList<>();
    private CountingBackend backend;
    private FaultProxy backendProxy;

    @BeforeEach
    void backendBehindProxy() {
        backend = CountingBackend.start();
        backendProxy = track(toxiproxy.createProxy(LocalStack.uniqueName("fault-tools-backend"),
                "127.0.0.1:" + backend.port()));
    }

    @AfterEach
    void cleanUp() {
        proxies.forEach(FaultProxy::delete);
        backend.close();
    }

    @Test
    void callThroughTheProxyReachesTheBackendAndIsCounted() throws Exception {
        HttpResponse<String> response = post(backendProxy.httpUri(), "{\"taskId\": \"t-1\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"taskId\":\"t-1\",\"call\":1,\"result\":\"done\"}");
        post(backendProxy.httpUri(), "{\"taskId\": \"t-1\"}");
        assertThat(backend.callsFor("t-1")).isEqualTo(2);
        assertThat(backend.completedFor("t-1")).isEqualTo(2);
        assertThat(backend.totalCalls()).isEqualTo(2);
        assertThat(backend.taskIdsCalledMoreThanOnce()).containsExactly("t-1");
        assertThat(backend.maxConcurrent()).isEqualTo(1);
    }

    @Test
    void disabledProxyRefusesConnectionsUntilEnabledAgain() throws Exception {
        backendProxy.disable();

        assertThatThrownBy(() -> post(backendProxy.httpUri(), "{\"taskId\": \"t-2\"}"))
                .isInstanceOf(ConnectException.class);
        assertThat(backend.totalCalls()).isZero();

        backendProxy.enable();
        assertThat(post(backendProxy.httpUri(), "{\"taskId\": \"t-2\"}").statusCode()).isEqualTo(200);
        assertThat(backend.callsFor("t-2")).isEqualTo(1);
    }

    @Test
    void latencyToxicDelaysTheCall() throws Exception {
        String toxic = backendProxy.latency(Stream.DOWNSTREAM, 1000, 0);

        long started = System.nanoTime();
        assertThat(post(backendProxy.httpUri(), "{\"taskId\": \"t-3\"}").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));

        backendProxy.removeToxic(toxic);
        started = System.nanoTime();
        post(backendProxy.httpUri(), "{\"taskId\": \"t-3\"}");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void sqsClientCreatesAQueueThroughAProxyInFrontOfLocalStack() {
        FaultProxy aws = track(toxiproxy.createProxy(LocalStack.uniqueName("fault-tools-aws"), LocalStack.endpoint()));
        String queue = LocalStack.uniqueName("fault-tools");
        try (SqsClient sqs = SqsClient.builder().region(Region.of(LocalStack.REGION))
                .endpointOverride(aws.httpUri()).build()) {
            String url = sqs.createQueue(request -> request.queueName(queue)).queueUrl();

            assertThat(url).endsWith("/" + queue);
            assertThat(LocalStack.sqs().getQueueUrl(request -> request.queueName(queue)).queueUrl()).isEqualTo(url);
            sqs.deleteQueue(request -> request.queueUrl(url));
        }
    }

    @Test
    void enrichmentRouteSendsTheTaskInputAndReturnsTheReplyWithItsOwnTimeouts() throws Exception {
        CamelContext camel = new DefaultCamelContext();
        Properties settings = new Properties();
        settings.setProperty("bridge.test.backend-url", backendProxy.httpUri().toString());
        camel.getPropertiesComponent().setInitialProperties(settings);
        // as in config/application.properties, the component holds the pricing service's short timeouts
        camel.getComponent("http", HttpComponent.class).setResponseTimeout(500);
        PluginHelper.getRoutesLoader(camel).loadRoutes(PluginHelper.getResourceLoader(camel)
                .resolveResource("classpath:faults/enrich-order-backend.camel.yaml"));
        camel.start();
        try {
            Object reply = camel.createProducerTemplate().requestBody("direct:enrich-order",
                    Map.of("taskId", "t-route", "sleepMs", 1000));

            assertThat(reply).isInstanceOf(Map.class)
                    .isEqualTo(Map.of("taskId", "t-route", "call", 1, "result", "done"));
            assertThat(backend.completedFor("t-route")).isEqualTo(1);
        } finally {
            camel.stop();
        }
    }

    /** Deletes the proxy after the test. */
    private FaultProxy track(FaultProxy proxy) {
        proxies.add(proxy);
        return proxy;
    }

    private HttpResponse<String> post(URI base, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve("/work")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
