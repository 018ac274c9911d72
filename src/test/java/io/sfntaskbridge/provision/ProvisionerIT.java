package io.sfntaskbridge.provision;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfntaskbridge.provision.ProvisionSettings.ActivityWorkflow;
import io.sfntaskbridge.provision.ProvisionSummary.Action;
import io.sfntaskbridge.testsupport.LocalStack;
import io.sfntaskbridge.testsupport.TestWorkflows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.ActivityListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ProvisionerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACTIVITY_TASK = "/States/EnrichOrders/ItemProcessor/States/EnrichViaActivity";

    private final Provisioner provisioner = new Provisioner(LocalStack.sqs(), LocalStack.sfn());

    @Test
    void firstRunCreatesQueuesWithRedriveAndStandardStateMachine() throws Exception {
        ProvisionSettings settings = TestWorkflows.orderEnrichment("provision-create", 40);

        ProvisionSummary summary = provisioner.provision(settings);

        assertThat(summary.deadLetterQueue().action()).isEqualTo(Action.CREATED);
        assertThat(summary.workQueue().action()).isEqualTo(Action.CREATED);
        assertThat(summary.stateMachine().action()).isEqualTo(Action.CREATED);
        Map<QueueAttributeName, String> work = LocalStack.sqs().getQueueAttributes(request -> request
                .queueUrl(summary.workQueueUrl()).attributeNames(QueueAttributeName.ALL)).attributes();
        assertThat(work.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("45");
        JsonNode redrive = JSON.readTree(work.get(QueueAttributeName.REDRIVE_POLICY));
        assertThat(redrive.get("deadLetterTargetArn").asText()).isEqualTo(summary.deadLetterQueueArn())
                .endsWith(":" + settings.deadLetterQueueName());
        assertThat(redrive.get("maxReceiveCount").asInt()).isEqualTo(3);

        var machine = LocalStack.sfn().describeStateMachine(request -> request
                .stateMachineArn(summary.stateMachineArn()));
        assertThat(machine.type()).isEqualTo(StateMachineType.STANDARD);
        assertThat(machine.roleArn()).isEqualTo(TestWorkflows.ROLE_ARN);
        JsonNode definition = JSON.readTree(machine.definition());
        assertThat(definition.at("/States/EnrichOrders/MaxConcurrency").asInt()).isEqualTo(40);
        assertThat(definition.at("/States/EnrichOrders/ItemProcessor/States/EnrichViaBridge/Parameters/QueueUrl")
                .asText()).isEqualTo(summary.workQueueUrl());
        assertThat(definition.at("/States/EnrichOrders/ItemProcessor/States/EnrichViaBridge/TimeoutSeconds")
                .asInt()).isEqualTo(900);
    }

    @Test
    void secondRunCreatesNothingAndAppliesChangedSettings() throws Exception {
        ProvisionSettings first = TestWorkflows.orderEnrichment("provision-again", 40);
        ProvisionSummary created = provisioner.provision(first);
        ProvisionSettings changed = new ProvisionSettings(first.queueName(), first.deadLetterQueueName(), 5, 90,
                first.stateMachineName(), first.definition(), first.roleArn() + "-v2", 7, first.heartbeatSeconds(),
                first.timeoutSeconds(), Optional.empty(), Optional.empty());

        ProvisionSummary updated = provisioner.provision(changed);

        assertThat(updated.deadLetterQueue().action()).isEqualTo(Action.UPDATED);
        assertThat(updated.workQueue().action()).isEqualTo(Action.UPDATED);
        assertThat(updated.stateMachine().action()).isEqualTo(Action.UPDATED);
        assertThat(updated.workQueueUrl()).isEqualTo(created.workQueueUrl());
        assertThat(updated.deadLetterQueueArn()).isEqualTo(created.deadLetterQueueArn());
        assertThat(updated.stateMachineArn()).isEqualTo(created.stateMachineArn());
        assertThat(LocalStack.sqs().listQueues(request -> request.queueNamePrefix(first.stateMachineName()))
                .queueUrls()).hasSize(2);
        assertThat(LocalStack.sfn().listStateMachinesPaginator(request -> { }).stateMachines().stream()
                .filter(machine -> machine.name().equals(first.stateMachineName()))).hasSize(1);

        Map<QueueAttributeName, String> work = LocalStack.sqs().getQueueAttributes(request -> request
                .queueUrl(updated.workQueueUrl()).attributeNames(QueueAttributeName.ALL)).attributes();
        assertThat(work.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("90");
        assertThat(JSON.readTree(work.get(QueueAttributeName.REDRIVE_POLICY)).get("maxReceiveCount").asInt())
                .isEqualTo(5);
        var machine = LocalStack.sfn().describeStateMachine(request -> request
                .stateMachineArn(updated.stateMachineArn()));
        assertThat(JSON.readTree(machine.definition()).at("/States/EnrichOrders/MaxConcurrency").asInt()).isEqualTo(7);
        assertThat(machine.roleArn()).isEqualTo(first.roleArn() + "-v2");
    }

    @Test
    void sampleWorkflowPassesOrdersThroughWhenNoneNeedsEnrichment() throws Exception {
        ProvisionSummary summary = provisioner.provision(TestWorkflows.orderEnrichment("provision-run", 40));

        String executionArn = LocalStack.sfn().startExecution(request -> request
                .stateMachineArn(summary.stateMachineArn())
                .input("{\"orders\":[{\"orderId\":\"o-1\",\"needsEnrichment\":false},{\"orderId\":\"o-2\"}]}"))
                .executionArn();

        var execution = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> LocalStack.sfn().describeExecution(request -> request.executionArn(executionArn)),
                        described -> described.status() != ExecutionStatus.RUNNING);
        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(JSON.readTree(execution.output())).isEqualTo(JSON.readTree(
                "[{\"orderId\":\"o-1\",\"status\":\"NOT_ENRICHED\"},{\"orderId\":\"o-2\",\"status\":\"NOT_ENRICHED\"}]"));
    }

    @Test
    void invalidDefinitionFailsWithTheAwsMessage(@TempDir Path dir)
            throws Exception {
        Path broken = dir.resolve("broken.asl.json");
        Files.writeString(broken, "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Bogus\",\"End\":true}}}");
        ProvisionSettings base = TestWorkflows.orderEnrichment("provision-invalid", 40);
        ProvisionSettings settings = new ProvisionSettings(base.queueName(), base.deadLetterQueueName(), 3, 45,
                base.stateMachineName(), broken, base.roleArn(), 40, 60, 900, Optional.empty(),
                Optional.empty());

        assertThatThrownBy(() -> provisioner.provision(settings))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageStartingWith("state machine definition " + broken + " is invalid: ")
                .hasMessageContaining("Bogus");
    }

    @Test
    void activitySampleCreatesTheActivityAndItsStandardStateMachine() {
        ProvisionSettings settings = withActivity(TestWorkflows.orderEnrichment("provision-activity", 40), 45);
        ActivityWorkflow workflow = settings.activityWorkflow().orElseThrow();

        ProvisionSummary summary = provisioner.provision(settings);

        assertThat(summary.activity().orElseThrow().action()).isEqualTo(Action.CREATED);
        assertThat(summary.activityStateMachine().orElseThrow().action()).isEqualTo(Action.CREATED);
        String activityArn = summary.activityArn().orElseThrow();
        assertThat(activityArn).endsWith(":activity:" + workflow.activityName());
        assertThat(LocalStack.sfn().describeActivity(request -> request.activityArn(activityArn)).name())
                .isEqualTo(workflow.activityName());
        var machine = LocalStack.sfn().describeStateMachine(request -> request
                .stateMachineArn(summary.activityStateMachineArn().orElseThrow()));
        assertThat(machine.name()).isEqualTo(workflow.stateMachineName());
        assertThat(machine.type()).isEqualTo(StateMachineType.STANDARD);
        assertThat(machine.roleArn()).isEqualTo(TestWorkflows.ROLE_ARN);
        assertThat(summary.lines()).hasSize(5).element(3).asString()
                .matches("activity +created +" + workflow.activityName() + "  " + activityArn);
        assertThat(summary.lines().get(4)).matches("state machine +created +" + workflow.stateMachineName() + "  "
                                                   + summary.activityStateMachineArn().orElseThrow());
    }

    @Test
    void activityStateMachineDefinitionNamesTheActivityWhichGetsTheOrder() throws Exception {
        ProvisionSummary summary = provisioner.provision(withActivity(
                TestWorkflows.orderEnrichment("provision-activity-run", 40), 45));
        String activityArn = summary.activityArn().orElseThrow();

        JsonNode definition = JSON.readTree(LocalStack.sfn().describeStateMachine(request -> request
                .stateMachineArn(summary.activityStateMachineArn().orElseThrow())).definition());
        assertThat(definition.at(ACTIVITY_TASK + "/Resource").asText()).isEqualTo(activityArn);
        assertThat(definition.at(ACTIVITY_TASK + "/HeartbeatSeconds").asInt()).isEqualTo(45);
        assertThat(definition.at(ACTIVITY_TASK + "/TimeoutSeconds").asInt()).isEqualTo(900);
        assertThat(definition.at("/States/EnrichOrders/MaxConcurrency").asInt()).isEqualTo(40);

        String executionArn = LocalStack.sfn().startExecution(request -> request
                .stateMachineArn(summary.activityStateMachineArn().orElseThrow())
                .input("{\"orders\":[{\"orderId\":\"o-1\",\"needsEnrichment\":true},{\"orderId\":\"o-2\"}]}"))
                .executionArn();
        var task = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> LocalStack.sfn().getActivityTask(request -> request.activityArn(activityArn)
                        .workerName("provisioner-it")), polled -> polled.taskToken() != null);
        assertThat(JSON.readTree(task.input())).isEqualTo(JSON.readTree(
                "{\"orderId\":\"o-1\",\"needsEnrichment\":true}"));
        LocalStack.sfn().sendTaskSuccess(request -> request.taskToken(task.taskToken())
                .output("{\"orderId\":\"o-1\",\"status\":\"ENRICHED\"}"));
        var execution = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> LocalStack.sfn().describeExecution(request -> request.executionArn(executionArn)),
                        described -> described.status() != ExecutionStatus.RUNNING);
        assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(JSON.readTree(execution.output())).isEqualTo(JSON.readTree(
                "[{\"orderId\":\"o-1\",\"status\":\"ENRICHED\"},{\"orderId\":\"o-2\",\"status\":\"NOT_ENRICHED\"}]"));
    }

    @Test
    void secondRunFindsTheActivityAndCreatesNoSecondOne() throws Exception {
        ProvisionSettings first = withActivity(TestWorkflows.orderEnrichment("provision-activity-again", 40), 45);
        ActivityWorkflow workflow = first.activityWorkflow().orElseThrow();
        ProvisionSummary created = provisioner.provision(first);

        ProvisionSummary updated = provisioner.provision(withActivity(first, 90));

        assertThat(updated.activity().orElseThrow().action()).isEqualTo(Action.UPDATED);
        assertThat(updated.activityStateMachine().orElseThrow().action()).isEqualTo(Action.UPDATED);
        assertThat(updated.activityArn()).isEqualTo(created.activityArn());
        assertThat(updated.activityStateMachineArn()).isEqualTo(created.activityStateMachineArn());
        assertThat(LocalStack.sfn().listActivitiesPaginator(request -> { }).activities().stream()
                .map(ActivityListItem::name).filter(workflow.activityName()::equals)).hasSize(1);
        assertThat(LocalStack.sfn().listStateMachinesPaginator(request -> { }).stateMachines().stream()
                .filter(machine -> machine.name().equals(workflow.stateMachineName()))).hasSize(1);
        JsonNode definition = JSON.readTree(LocalStack.sfn().describeStateMachine(request -> request
                .stateMachineArn(updated.activityStateMachineArn().orElseThrow())).definition());
        assertThat(definition.at(ACTIVITY_TASK + "/HeartbeatSeconds").asInt()).isEqualTo(90);
    }

    @Test
    void activityProvisionFalseProvisionsNeither() throws Exception {
        Properties config = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config/application.properties"))) {
            config.load(reader);
        }
        String name = LocalStack.uniqueName("provision-no-activity");
        config.putAll(Map.of("bridge.worker.queue-name", name + "-work", "bridge.worker.dlq-name", name + "-dlq",
                "bridge.statemachine.name", name, "bridge.statemachine.role-arn", TestWorkflows.ROLE_ARN,
                "bridge.activity.provision", "false", "bridge.activity.name", name + "-orders",
                "bridge.activity.statemachine.name", name + "-activity"));

        ProvisionSummary summary = provisioner.provision(ProvisionSettings.fromConfig(
                key -> Optional.ofNullable(config.getProperty(key))));

        assertThat(summary.activity()).isEmpty();
        assertThat(summary.activityStateMachine()).isEmpty();
        assertThat(summary.s3Sample()).as("the shipped configuration names no payload bucket").isEmpty();
        assertThat(summary.lines()).hasSize(3).noneMatch(line -> line.startsWith("activity"));
        assertThat(LocalStack.sfn().listActivitiesPaginator(request -> { }).activities().stream()
                .map(ActivityListItem::name)).doesNotContain(name + "-orders");
        assertThat(LocalStack.sfn().listStateMachinesPaginator(request -> { }).stateMachines().stream()
                .map(StateMachineListItem::name)).contains(name).doesNotContain(name + "-activity");
    }

    /** {@code base} plus the activity sample, named after its state machine, with that HeartbeatSeconds. */
    private static ProvisionSettings withActivity(ProvisionSettings base, int activityHeartbeatSeconds) {
        return new ProvisionSettings(base.queueName(), base.deadLetterQueueName(), base.maxReceiveCount(),
                base.visibilityTimeoutSeconds(), base.stateMachineName(), base.definition(), base.roleArn(),
                base.mapMaxConcurrency(), base.heartbeatSeconds(), base.timeoutSeconds(), Optional.of(
                new ActivityWorkflow(base.stateMachineName() + "-orders", base.stateMachineName() + "-activity",
                        Path.of("statemachines/order-enrichment-activity.asl.json"), activityHeartbeatSeconds)),
                Optional.empty());
    }
}
