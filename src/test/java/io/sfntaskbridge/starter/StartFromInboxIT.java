package io.sfntaskbridge.starter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfntaskbridge.payload.PayloadConfiguration;
import io.sfntaskbridge.payload.PayloadOffload;
import io.sfntaskbridge.provision.ProvisionSummary;
import io.sfntaskbridge.provision.Provisioner;
import io.sfntaskbridge.testsupport.LocalStack;
import io.sfntaskbridge.testsupport.TestWorkflows;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The real inbox and start-execution route files, against a state machine of their own on LocalStack. */
class StartFromInboxIT extends CamelMainTestSupport {

    @TempDir
    static Path inbox;
    private static ProvisionSummary workflow;
    private static ProvisionSummary other;
    private static String passThrough;
    private static String bucket;

    @BeforeAll
    static void provisionWorkflow() {
        workflow = new Provisioner(LocalStack.sqs(), LocalStack.sfn())
                .provision(TestWorkflows.orderEnrichment("inbox", 10));
        other = new Provisioner(LocalStack.sqs(), LocalStack.sfn())
                .provision(TestWorkflows.orderEnrichment("inbox-other", 10));
        // Its output is its input: the pointer an execution over the limit starts with.
        passThrough = LocalStack.sfn().createStateMachine(r -> r.name(LocalStack.uniqueName("inbox-large"))
                .roleArn(TestWorkflows.ROLE_ARN).definition("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\":"
                                                           + " \"Pass\", \"End\": true}}}")).stateMachineArn();
        bucket = LocalStack.createBucket("inbox-it");
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.withRoutesIncludePattern(
                "file:routes/start-execution.camel.yaml,file:routes/start-from-inbox.camel.yaml");
        configuration.addConfiguration(PayloadConfiguration.class);
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.setProperty("bridge.inbox.dir", inbox.toString());
        properties.setProperty("bridge.statemachine.arn", workflow.stateMachineArn());
        properties.setProperty("bridge.aws.region", LocalStack.REGION);
        properties.setProperty("bridge.aws.account-id", "000000000000");
        properties.setProperty("bridge.payload.bucket", bucket);
        return properties;
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("sfnClient", LocalStack.sfn());
        registry.bind("s3Client", LocalStack.s3());
    }

    @Test
    void validFileStartsAnExecutionNamedAfterItAndMovesToDone() throws Exception {
        Files.writeString(inbox.resolve("orders-batch-7.json"),
                "{\"orders\":[{\"orderId\":\"o-1\",\"needsEnrichment\":false}]}");

        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve("done/orders-batch-7.json")));

        assertThat(inbox.resolve("orders-batch-7.json")).doesNotExist();
        assertThat(executionsNamedAfter("orders-batch-7")).singleElement().satisfies(execution -> await()
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> LocalStack.sfn().describeExecution(request -> request
                        .executionArn(execution.executionArn())).status(), ExecutionStatus.SUCCEEDED::equals));
    }

    @Test
    void aFileInAFolderNamedAfterAnotherStateMachineStartsThatOne() throws Exception {
        String machine = other.stateMachine().name();
        Files.createDirectories(inbox.resolve(machine));
        Files.writeString(inbox.resolve(machine).resolve("orders-elsewhere.json"),
                "{\"orders\":[{\"orderId\":\"o-2\",\"needsEnrichment\":false}]}");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> Files.exists(inbox.resolve("done").resolve(machine).resolve("orders-elsewhere.json")));

        assertThat(executionsNamedAfter(other.stateMachineArn(), "orders-elsewhere")).hasSize(1);
        assertThat(executionsNamedAfter(workflow.stateMachineArn(), "orders-elsewhere")).as("not the default machine").isEmpty();
    }

    @Test
    void aOneMebibyteFileStartsAnExecutionWithItsS3Pointer() throws Exception {
        String machine = passThrough.substring(passThrough.lastIndexOf(':') + 1);
        StringBuilder items = new StringBuilder("[");
        for (int i = 0; items.length() < 1024 * 1024; i++) {
            items.append(i == 0 ? "" : ",").append("{\"orderId\":\"o-").append(i).append("\",\"needsEnrichment\":true}");
        }
        byte[] file = items.append(']').toString().getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(inbox.resolve(machine));
        Files.write(inbox.resolve(machine).resolve("orders-large.json"), file);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(inbox.resolve("done").resolve(machine).resolve("orders-large.json")));

        ExecutionListItem started = executionsNamedAfter(passThrough, "orders-large").get(0);
        JsonNode pointer = new ObjectMapper().readTree(LocalStack.sfn().describeExecution(request -> request
                .executionArn(started.executionArn())).input()).get("s3Payload");
        assertThat(pointer.get("size").asLong()).isEqualTo(file.length);
        assertThat(pointer.get("key").asText()).isEqualTo("offload/inputs/" + PayloadOffload.sha256(file) + ".json");
        assertThat(LocalStack.s3().getObjectAsBytes(request -> request.bucket(bucket).key(pointer.get("key").asText()))
                .asByteArray()).isEqualTo(file);
    }

    @Test
    void malformedFileMovesToFailedWithTheReasonAndStartsNothing() throws Exception {
        Files.writeString(inbox.resolve("orders-broken.json"), "{\"orders\": \"o-1\"}");

        Path reason = inbox.resolve("failed/orders-broken.json.reason.txt");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(reason));

        assertThat(inbox.resolve("failed/orders-broken.json")).hasContent("{\"orders\": \"o-1\"}");
        assertThat(inbox.resolve("orders-broken.json")).doesNotExist();
        assertThat(Files.readString(reason)).isEqualTo("\"orders\" must be an array, not a string");
        assertThat(executionsNamedAfter("orders-broken")).isEmpty();
    }

    private static List<ExecutionListItem> executionsNamedAfter(String source) {
        return executionsNamedAfter(workflow.stateMachineArn(), source);
    }

    private static List<ExecutionListItem> executionsNamedAfter(String stateMachineArn, String source) {
        return LocalStack.sfn().listExecutionsPaginator(request -> request
                        .stateMachineArn(stateMachineArn)).executions().stream()
                .filter(execution -> execution.name().startsWith(source + "-")).toList();
    }
}
