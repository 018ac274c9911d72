package io.sfntaskbridge.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfntaskbridge.aws.AwsClientsConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfntaskbridge.ledger.LedgerConfiguration;
import io.sfntaskbridge.ops.metrics.PayloadMetrics;
import io.sfntaskbridge.payload.PayloadConfiguration;
import io.sfntaskbridge.payload.PayloadOffload;
import io.sfntaskbridge.testsupport.InjectedFaults;
import io.sfntaskbridge.testsupport.LocalStack;
import io.sfntaskbridge.testsupport.TaskWorkflow;
import io.sfntaskbridge.worker.WorkerConfiguration;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shipped worker route with payload offload on LocalStack's S3: a 1 MiB answer goes to S3 and the task answers its
 * pointer, a task delivered twice writes one object, a pointer input is read before the work, and a pointer to a
 * missing object fails the task with Bridge.PayloadNotFound. Each execution of the test's {@link TaskWorkflow} is one
 * task whose input is the execution input; the work (a Java route) echoes the order and adds {@code outputBytes}
 * characters when asked.
 */
class PayloadOffloadIT extends CamelMainTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MIB = 1024 * 1024;

    private static TaskWorkflow workflow;
    private static String bucket;
    private final Map<String, Integer> calls = new ConcurrentHashMap<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void createWorkflowAndBucket() {
        workflow = TaskWorkflow.create("payload", 60, 300, 3);
        bucket = LocalStack.createBucket("payload-it");
    }

    @Override
    protected String getPropertyPlaceholderLocations() {
        return "file:config/application.properties";
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = WorkflowITSupport.workerOnLocalStack(workflow.queueName(), getClass());
        properties.put("bridge.payload.bucket", bucket);
        // The second delivery of a task goes back until the first one's lease ends: keep that short.
        properties.put("bridge.ledger.lease-seconds", "6");
        properties.put("camel.main.routes-include-pattern",
                "file:routes/task-worker.camel.yaml,file:routes/error-handling.camel.yaml");
        return properties;
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addConfiguration(AwsClientsConfiguration.class);
        configuration.addConfiguration(WorkerConfiguration.class);
        configuration.addConfiguration(LedgerConfiguration.class);
        configuration.addConfiguration(PayloadConfiguration.class);
        configuration.addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:enrich-order").routeId("enrich-order").process(exchange -> {
                    Map<?, ?> order = exchange.getMessage().getBody(Map.class);
                    calls.merge(String.valueOf(order.get("orderId")), 1, Integer::sum);
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("orderId", order.get("orderId"));
                    out.put("fields", order.keySet());
                    if (order.get("outputBytes") instanceof Number bytes) {
                        out.put("blob", "x".repeat(bytes.intValue()));
                    }
                    exchange.getMessage().setBody(out);
                });
            }
        });
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        // The runtime binds its own in OpsConfiguration; the payload offload finds it by type.
        registry.bind(PayloadMetrics.BEAN_NAME, new PayloadMetrics(meters));
    }

    private double counted(String meter) {
        return meters.find("sfn.bridge." + meter).tag("routeId", "task-worker").counter().count();
    }

    private static String start(String input) {
        return LocalStack.sfn().startExecution(r -> r.stateMachineArn(workflow.stateMachineArn()).input(input))
                .executionArn();
    }

    private static DescribeExecutionResponse awaitEnd(String executionArn) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> LocalStack.sfn().describeExecution(r -> r.executionArn(executionArn)),
                        execution -> execution.status() != ExecutionStatus.RUNNING);
    }

    private static byte[] object(String key) {
        return LocalStack.s3().getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }

    private static int objectsUnder(String prefix) {
        return LocalStack.s3().listObjectsV2(r -> r.bucket(bucket).prefix(prefix)).keyCount();
    }

    @Test
    void aOneMebibyteOutputIsAnsweredAsAPointerToItsBytes() throws Exception {
        DescribeExecutionResponse execution = awaitEnd(start("{\"orderId\": \"big-1\", \"outputBytes\": " + MIB + "}"));

        assertThat(execution.status()).as("%s %s", execution.error(), execution.cause())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode pointer = JSON.readTree(execution.output()).get("s3Payload");
        assertThat(pointer.get("bucket").asText()).isEqualTo(bucket);
        assertThat(pointer.get("key").asText()).matches("offload/outputs/[0-9a-f]{64}\\.json");
        byte[] bytes = object(pointer.get("key").asText());
        assertThat(pointer.get("size").asLong()).isEqualTo(bytes.length);
        assertThat(pointer.get("sha256").asText()).isEqualTo(PayloadOffload.sha256(bytes));
        JsonNode stored = JSON.readTree(bytes);
        assertThat(stored.get("orderId").asText()).isEqualTo("big-1");
        assertThat(stored.get("blob").asText()).hasSize(MIB).matches("x+");
        assertThat(calls).containsEntry("big-1", 1);
        assertThat(counted("payload.offloads")).isEqualTo(1);
        assertThat(counted("payload.offloaded.bytes")).isEqualTo(bytes.length);
    }

    @Test
    void theSameTaskDeliveredTwiceWritesOneObject() throws Exception {
        context.getRouteController().stopRoute("task-worker");
        String arn = start("{\"orderId\": \"twice-1\", \"outputBytes\": 300000}");
        Message message = await().atMost(Duration.ofSeconds(20)).until(() -> LocalStack.sqs().receiveMessage(r -> r
                .queueUrl(workflow.queueUrl()).waitTimeSeconds(1)).messages(), list -> !list.isEmpty()).get(0);
        LocalStack.sqs().sendMessage(r -> r.queueUrl(workflow.queueUrl()).messageBody(message.body()));
        LocalStack.sqs().changeMessageVisibility(r -> r.queueUrl(workflow.queueUrl())
                .receiptHandle(message.receiptHandle()).visibilityTimeout(0));
        int before = objectsUnder("offload/outputs/");
        InjectedFaults.reset();

        context.getRouteController().startRoute("task-worker");
        DescribeExecutionResponse execution = awaitEnd(arn);

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        String key = JSON.readTree(execution.output()).get("s3Payload").get("key").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> TaskWorkflow.messagesOn(workflow.queueUrl()) == 0);
        assertThat(calls).containsEntry("twice-1", 1);
        assertThat(InjectedFaults.calls("PutObject")).as("objects written").isEqualTo(1);
        assertThat(objectsUnder("offload/outputs/")).isEqualTo(before + 1);
        assertThat(JSON.readTree(object(key)).get("orderId").asText()).isEqualTo("twice-1");
    }

    @Test
    void aPointerInputIsReadBeforeTheWork() throws Exception {
        byte[] order = "{\"orderId\": \"ptr-1\", \"lines\": [{\"sku\": \"SKU-1\", \"quantity\": 2}]}"
                .getBytes(StandardCharsets.UTF_8);
        LocalStack.s3().putObject(r -> r.bucket(bucket).key("inputs-of-it/ptr-1.json"), RequestBody.fromBytes(order));

        DescribeExecutionResponse execution = awaitEnd(start("{\"s3Payload\": {\"bucket\": \"" + bucket
                + "\", \"key\": \"inputs-of-it/ptr-1.json\", \"size\": " + order.length + ", \"sha256\": \""
                + PayloadOffload.sha256(order) + "\"}}"));

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(JSON.readTree(execution.output()).toString())
                .isEqualTo("{\"orderId\":\"ptr-1\",\"fields\":[\"orderId\",\"lines\"]}");
        assertThat(calls).containsEntry("ptr-1", 1);
        assertThat(counted("payload.resolutions")).isEqualTo(1);
        assertThat(counted("payload.resolved.bytes")).isEqualTo(order.length);
    }

    @Test
    void aPointerToAMissingObjectFailsTheTaskWithPayloadNotFound() {
        DescribeExecutionResponse execution = awaitEnd(start("{\"s3Payload\": {\"bucket\": \"" + bucket
                + "\", \"key\": \"inputs-of-it/never-written.json\"}}"));

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("Bridge.PayloadNotFound");
        assertThat(execution.cause()).isEqualTo("s3://" + bucket + "/inputs-of-it/never-written.json does not exist");
        assertThat(calls).isEmpty();
    }
}
