package io.sfntaskbridge.starter;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfntaskbridge.payload.PayloadConfiguration;
import io.sfntaskbridge.provision.ProvisionSummary;
import io.sfntaskbridge.provision.Provisioner;
import io.sfntaskbridge.testsupport.LocalStack;
import io.sfntaskbridge.testsupport.TestWorkflows;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /executions} on camel-main's HTTP server, starting executions on LocalStack. */
class StartExecutionHttpIT extends CamelMainTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ProvisionSummary workflow;
    private static int port;

    @BeforeAll
    static void provisionWorkflow() throws IOException {
        workflow = new Provisioner(LocalStack.sqs(), LocalStack.sfn())
                .provision(TestWorkflows.orderEnrichment("http", 10));
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.withRoutesIncludePattern("file:routes/start-execution.camel.yaml");
        configuration.addRoutesBuilder(new StartExecutionHttpRoute());
        configuration.addConfiguration(PayloadConfiguration.class);
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.setProperty("bridge.http.enabled", "true");
        properties.setProperty("camel.server.enabled", "true");
        properties.setProperty("camel.server.port", Integer.toString(port));
        properties.setProperty("bridge.statemachine.arn", workflow.stateMachineArn());
        return properties;
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("sfnClient", LocalStack.sfn());
        registry.bind("s3Client", LocalStack.s3());
    }

    @Test
    void validInputStartsAnExecutionAndAnswersItsArn() throws Exception {
        HttpResponse<String> response = post("{\"orders\":[{\"orderId\":\"o-1\",\"needsEnrichment\":false}]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        String executionArn = body.get("executionArn").asText();
        assertThat(body.get("executionName").asText()).startsWith("http-");
        var execution = LocalStack.sfn().describeExecution(request -> request.executionArn(executionArn));
        assertThat(execution.stateMachineArn()).isEqualTo(workflow.stateMachineArn());
        assertThat(execution.name()).isEqualTo(body.get("executionName").asText());
    }

    @Test
    void aCallerCannotPickTheStateMachineWithACamelHeader() throws Exception {
        String other = "arn:aws:states:" + LocalStack.REGION + ":000000000000:stateMachine:not-this-one";

        HttpResponse<String> response = post("{\"orders\":[]}", "CamelAwsStepFunctionsStateMachineArn", other);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String executionArn = JSON.readTree(response.body()).get("executionArn").asText();
        assertThat(LocalStack.sfn().describeExecution(request -> request.executionArn(executionArn)).stateMachineArn())
                .isEqualTo(workflow.stateMachineArn());
    }

    @Test
    void aBodyOverTheLimitWithoutAPayloadBucketIsRefusedWith413NamingTheSetting() throws Exception {
        int executionsBefore = executionCount();

        HttpResponse<String> response = post("{\"orders\":[{\"orderId\":\"" + "o".repeat(300_000) + "\"}]}");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).get("error").asText())
                .startsWith("execution input is 300027 bytes, over Step Functions' limit of 262144; set bridge.payload.bucket");
        assertThat(executionCount()).isEqualTo(executionsBefore);
    }

    @Test
    void malformedInputIsRejectedWithTheReason() throws Exception {
        int executionsBefore = executionCount();

        HttpResponse<String> response = post("{\"order\":[]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("input has no \"orders\" array");
        assertThat(executionCount()).isEqualTo(executionsBefore);
    }

    private static int executionCount() {
        return LocalStack.sfn().listExecutions(request -> request.stateMachineArn(workflow.stateMachineArn()))
                .executions().size();
    }

    private static HttpResponse<String> post(String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/executions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
