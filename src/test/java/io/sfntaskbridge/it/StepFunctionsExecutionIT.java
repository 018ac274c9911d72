package io.sfntaskbridge.it;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfntaskbridge.testsupport.LocalStack;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.stepfunctions.StepFunctions2Constants;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * aws2-step-functions against the emulator: a route creates a state machine and starts an execution, the test
 * follows the execution to its end through DescribeExecution.
 */
class StepFunctionsExecutionIT extends CamelTestSupport {

    private static final String ROLE_ARN = "arn:aws:iam::000000000000:role/sfn-task-bridge-it";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ENRICH_AND_SUCCEED = """
            {
              "QueryLanguage": "JSONPath",
              "StartAt": "Enrich",
              "States": {
                "Enrich": {"Type": "Pass", "Result": {"status": "enriched"}, "ResultPath": "$.enrichment", "Next": "Done"},
                "Done": {"Type": "Succeed"}
              }
            }
            """;

    private static final String CHECK_AND_FAIL = """
            {
              "QueryLanguage": "JSONPath",
              "StartAt": "Check",
              "States": {
                "Check": {"Type": "Pass", "Next": "Reject"},
                "Reject": {"Type": "Fail", "Error": "OrderRejected", "Cause": "credit limit exceeded"}
              }
            }
            """;

    private final String machineName = LocalStack.uniqueName("execution-it");
    private String machineArn;

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("sfnClient", LocalStack.sfn());
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // body: the ASL; headers: state machine name and execution input. Replies with the execution ARN.
                from("direct:create-and-start").routeId("create-and-start")
                        .setHeader(StepFunctions2Constants.STATE_MACHINE_DEFINITION, body())
                        .setHeader(StepFunctions2Constants.STATE_MACHINE_ROLE_ARN, constant(ROLE_ARN))
                        .to("aws2-step-functions:machines?operation=createStateMachine")
                        .setHeader(StepFunctions2Constants.STATE_MACHINE_ARN, simple("${body.stateMachineArn}"))
                        .to("aws2-step-functions:machines?operation=startExecution")
                        .setBody(simple("${body.executionArn}"));
            }
        };
    }

    @AfterEach
    void deleteStateMachine() {
        if (machineArn != null) {
            LocalStack.sfn().deleteStateMachine(request -> request.stateMachineArn(machineArn));
        }
    }

    @Test
    void passStateExecutionSucceedsWithItsResultInTheOutput() throws Exception {
        DescribeExecutionResponse execution = runToCompletion(ENRICH_AND_SUCCEED, "{\"orderId\":\"42\"}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(JSON.readTree(execution.output()))
                .isEqualTo(JSON.readTree("{\"orderId\":\"42\",\"enrichment\":{\"status\":\"enriched\"}}"));
    }

    @Test
    void failStateExecutionFailsWithItsErrorName() {
        DescribeExecutionResponse execution = runToCompletion(CHECK_AND_FAIL, "{\"orderId\":\"43\"}");

        assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).isEqualTo("OrderRejected");
        assertThat(execution.cause()).isEqualTo("credit limit exceeded");
    }

    private DescribeExecutionResponse runToCompletion(String definition, String input) {
        String executionArn = template.requestBodyAndHeaders("direct:create-and-start", definition,
                Map.of(StepFunctions2Constants.STATE_MACHINE_NAME, machineName,
                        StepFunctions2Constants.EXECUTION_INPUT, input),
                String.class);
        assertThat(executionArn).startsWith("arn:aws:states:").contains(machineName);
        machineArn = LocalStack.sfn().describeExecution(request -> request.executionArn(executionArn))
                .stateMachineArn();
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> LocalStack.sfn().describeExecution(request -> request.executionArn(executionArn)),
                        execution -> execution.status() != ExecutionStatus.RUNNING);
    }
}
