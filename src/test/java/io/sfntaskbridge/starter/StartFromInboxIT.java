package io.sfntaskbridge.starter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

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

    @BeforeAll
    static void provisionWorkflow() {
        workflow = new Provisioner(LocalStack.sqs(), LocalStack.sfn())
                .provision(TestWorkflows.orderEnrichment("inbox", 10));
        other = new Provisioner(LocalStack.sqs(), LocalStack.sfn())
                .provision(TestWorkflows.orderEnrichment("inbox-other", 10));
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.withRoutesIncludePattern(
                "file:routes/start-execution.camel.yaml,file:routes/start-from-inbox.camel.yaml");
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.setProperty("bridge.inbox.dir", inbox.toString());
        properties.setProperty("bridge.statemachine.arn", workflow.stateMachineArn());
        properties.setProperty("bridge.aws.region", LocalStack.REGION);
        properties.setProperty("bridge.aws.account-id", "000000000000");
        return properties;
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("sfnClient", LocalStack.sfn());
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

        assertThat(executionsNamedAfter(other, "orders-elsewhere")).hasSize(1);
        assertThat(executionsNamedAfter(workflow, "orders-elsewhere")).as("not the default machine").isEmpty();
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
        return executionsNamedAfter(workflow, source);
    }

    private static List<ExecutionListItem> executionsNamedAfter(ProvisionSummary machine, String source) {
        return LocalStack.sfn().listExecutionsPaginator(request -> request
                        .stateMachineArn(machine.stateMachineArn())).executions().stream()
                .filter(execution -> execution.name().startsWith(source + "-")).toList();
    }
}
