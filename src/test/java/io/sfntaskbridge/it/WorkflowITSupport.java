package io.sfntaskbridge.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfntaskbridge.aws.AwsClientsConfiguration;
import io.sfntaskbridge.component.SfnTaskConsumer;
import io.sfntaskbridge.component.SfnTaskEndpoint;
import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.enrich.EnrichmentConfiguration;
import io.sfntaskbridge.provision.ProvisionSettings;
import io.sfntaskbridge.provision.ProvisionSummary;
import io.sfntaskbridge.provision.Provisioner;
import io.sfntaskbridge.testsupport.LocalStack;
import io.sfntaskbridge.testsupport.SamplePricingService;
import io.sfntaskbridge.ledger.LedgerConfiguration;
import io.sfntaskbridge.worker.TaskWorker;
import io.sfntaskbridge.worker.WorkerConfiguration;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterAll;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.awaitility.Awaitility.await;

/**
 * Runs the shipped worker routes under camel-main against LocalStack, with the sample workflow provisioned from
 * {@code statemachines/} onto queues and a state machine of the test class's own. Subclasses choose the enrichment
 * route and the settings that differ.
 */
abstract class WorkflowITSupport extends CamelMainTestSupport {

    static final String WORKER_ROUTES = "file:routes/task-worker.camel.yaml,file:routes/error-handling.camel.yaml";
    /** Test enrichment that fails or sleeps when an order asks it to ({@code "simulate"}); see the file. */
    static final String SIMULATING_ENRICHMENT = "file:src/test/resources/it/enrich-order-simulated.camel.yaml";
    /** The shipped enrichment, which calls the sample systems: pricing on WireMock, customers in H2 (the default). */
    static final String SAMPLE_ENRICHMENT = "file:routes/enrich-order.camel.yaml,file:routes/pricing-lookup.camel.yaml,"
                                            + "file:routes/customer-lookup.camel.yaml";

    /** Started for test classes that run {@link #SAMPLE_ENRICHMENT}; one per class. */
    protected static SamplePricingService pricing;

    private static final Map<Class<?>, ProvisionSummary> WORKFLOWS = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The Task state's HeartbeatSeconds, also the envelope's hint. */
    protected int heartbeatSeconds() {
        return 60;
    }

    protected int maxReceiveCount() {
        return 3;
    }

    protected String enrichmentRoutes() {
        return SAMPLE_ENRICHMENT;
    }

    /** Settings this test changes on top of {@code config/application.properties}. */
    protected Map<String, String> settings() {
        return Map.of();
    }

    protected String routesIncludePattern() {
        return WORKER_ROUTES + "," + enrichmentRoutes();
    }

    private static synchronized SamplePricingService samplePricing() {
        if (pricing == null) {
            pricing = new SamplePricingService();
        }
        return pricing;
    }

    @AfterAll
    static synchronized void stopSamplePricing() {
        if (pricing != null) {
            pricing.close();
            pricing = null;
        }
    }

    protected final ProvisionSummary workflow() {
        return WORKFLOWS.computeIfAbsent(getClass(), type -> {
            String name = LocalStack.uniqueName(type.getSimpleName());
            return new Provisioner(LocalStack.sqs(), LocalStack.sfn()).provision(new ProvisionSettings(
                    name, name + "-dlq", maxReceiveCount(), 30, name,
                    Path.of("statemachines/order-enrichment.asl.json"), "arn:aws:iam::000000000000:role/it",
                    10, heartbeatSeconds(), 120, Optional.empty(), Optional.empty()));
        });
    }

    @Override
    protected String getPropertyPlaceholderLocations() {
        return "file:config/application.properties";
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = workerOnLocalStack(queueName(workflow().workQueueUrl()), getClass());
        // As a property, because config/application.properties would override a programmatic include pattern.
        properties.put("camel.main.routes-include-pattern", routesIncludePattern());
        if (routesIncludePattern().contains(SAMPLE_ENRICHMENT)) {
            properties.put("bridge.enrich.pricing.url", samplePricing().url());
        }
        properties.putAll(settings());
        return properties;
    }

    /** A worker of {@code queueName} on LocalStack, polling briefly, with a task ledger of the test's own. */
    static Properties workerOnLocalStack(String queueName, Class<?> test) {
        Properties properties = new Properties();
        properties.put("bridge.aws.endpoint", LocalStack.endpoint().toString());
        properties.put("bridge.aws.region", LocalStack.REGION);
        properties.put("bridge.worker.queue-name", queueName);
        properties.put("bridge.worker.wait-time-seconds", "1");
        properties.put("bridge.ledger.dir", "target/it-ledger/" + LocalStack.uniqueName(test.getSimpleName()));
        return properties;
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addConfiguration(AwsClientsConfiguration.class);
        configuration.addConfiguration(WorkerConfiguration.class);
        configuration.addConfiguration(LedgerConfiguration.class);
        configuration.addConfiguration(EnrichmentConfiguration.class);
    }

    protected String startExecution(List<Map<String, Object>> orders) throws Exception {
        String input = JSON.writeValueAsString(Map.of("orders", orders));
        return LocalStack.sfn().startExecution(r -> r.stateMachineArn(workflow().stateMachineArn()).input(input))
                .executionArn();
    }

    protected static DescribeExecutionResponse awaitEnd(String executionArn, Duration atMost) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(500))
                .until(() -> LocalStack.sfn().describeExecution(r -> r.executionArn(executionArn)),
                        execution -> execution.status() != ExecutionStatus.RUNNING);
    }

    protected static List<Map<String, Object>> results(DescribeExecutionResponse execution) throws Exception {
        return JSON.readValue(execution.output(), new TypeReference<>() {
        });
    }

    protected static Map<String, Object> order(String orderId, boolean needsEnrichment, String simulate) {
        Map<String, Object> order = new HashMap<>();
        order.put("orderId", orderId);
        order.put("needsEnrichment", needsEnrichment);
        if (simulate != null) {
            order.put("simulate", simulate);
        }
        return order;
    }

    /** An order that needs enrichment, as the sample systems know it; lines as {@link #line}. */
    @SafeVarargs
    protected static Map<String, Object> order(String orderId, String customerId, Map<String, Object>... lines) {
        Map<String, Object> order = order(orderId, true, null);
        order.put("customerId", customerId);
        order.put("lines", List.of(lines));
        return order;
    }

    protected static Map<String, Object> line(String sku, int quantity) {
        return Map.of("sku", sku, "quantity", quantity);
    }

    /** How many tasks the worker settled with {@code outcome}: answered by it, or by a step of its route. */
    protected long answers(SfnTaskOutcome outcome) {
        return workerEndpoint().getOutcomeCount(outcome);
    }

    /** The endpoint of the shipped worker route, {@code task-worker}. */
    protected SfnTaskEndpoint workerEndpoint() {
        return (SfnTaskEndpoint) context.getRoute("task-worker").getEndpoint();
    }

    /** The running worker of the shipped worker route. */
    protected TaskWorker worker() {
        return ((SfnTaskConsumer) context.getRoute("task-worker").getConsumer()).getWorker();
    }

    protected int approximateMessages(String queueUrl) {
        Map<QueueAttributeName, String> attributes = LocalStack.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    protected String deadLetterQueueUrl() {
        return LocalStack.sqs().getQueueUrl(r -> r.queueName(queueName(workflow().workQueueUrl()) + "-dlq")).queueUrl();
    }

    static String queueName(String queueUrl) {
        return queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    }
}
