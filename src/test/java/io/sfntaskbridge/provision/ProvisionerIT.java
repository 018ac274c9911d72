package io.sfntaskbridge.provision;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfntaskbridge.provision.ProvisionSettings.ActivityWorkflow;
import io.sfntaskbridge.provision.ProvisionSettings.S3Sample;
import io.sfntaskbridge.provision.ProvisionSummary.Action;
import io.sfntaskbridge.provision.ProvisionSummary.S3SampleResources;
import io.sfntaskbridge.testsupport.LocalStack;
import io.sfntaskbridge.testsupport.TestWorkflows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
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

    private static final String S3_TASK = "/States/EnrichOrders/ItemProcessor/States/EnrichViaBridge";
    private static final int SAMPLE_ITEMS = 150;

    private final Provisioner provisioner = new Provisioner(LocalStack.sqs(), LocalStack.sfn(), LocalStack.s3());

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

    @Test
    void s3SampleCreatesTheBucketItsExpiryRuleTheOrdersAndItsStateMachine() throws Exception {
        ProvisionSettings settings = TestWorkflows.withS3Sample(TestWorkflows.orderEnrichment("provision-s3", 40), 7,
                SAMPLE_ITEMS);
        S3Sample sample = settings.s3Sample().orElseThrow();

        ProvisionSummary summary = provisioner.provision(settings);

        S3SampleResources s3 = summary.s3Sample().orElseThrow();
        assertThat(List.of(s3.bucket(), s3.expiryRule(), s3.sampleItems(), s3.stateMachine()))
                .allSatisfy(resource -> assertThat(resource.action()).as(resource.name()).isEqualTo(Action.CREATED));
        LocalStack.s3().headBucket(request -> request.bucket(sample.bucket()));
        assertThat(LocalStack.s3().getBucketLifecycleConfiguration(request -> request.bucket(sample.bucket())).rules())
                .singleElement().satisfies(rule -> assertExpiryRule(rule, "offload/", 7));
        byte[] orders = LocalStack.s3().getObjectAsBytes(request -> request.bucket(sample.bucket())
                .key("samples/orders-" + SAMPLE_ITEMS + ".json")).asByteArray();
        assertThat(JSON.readTree(orders).isArray()).isTrue();
        assertThat(JSON.readTree(orders)).hasSize(SAMPLE_ITEMS);
        JsonNode pointer = JSON.readTree(s3.startInput());
        assertThat(pointer.fieldNames()).toIterable().containsExactly("s3Payload");
        assertThat(pointer.at("/s3Payload/bucket").asText()).isEqualTo(sample.bucket());
        assertThat(pointer.at("/s3Payload/key").asText()).isEqualTo("samples/orders-" + SAMPLE_ITEMS + ".json");
        assertThat(pointer.at("/s3Payload/size").asInt()).isEqualTo(orders.length);
        assertThat(pointer.at("/s3Payload/sha256").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(orders)));

        var machine = LocalStack.sfn().describeStateMachine(request -> request
                .stateMachineArn(summary.s3SampleStateMachineArn().orElseThrow()));
        assertThat(machine.name()).isEqualTo(sample.stateMachineName());
        assertThat(machine.type()).isEqualTo(StateMachineType.STANDARD);
        assertThat(machine.roleArn()).isEqualTo(TestWorkflows.ROLE_ARN);
        JsonNode definition = JSON.readTree(machine.definition());
        assertThat(definition.at("/States/EnrichOrders/MaxConcurrency").asInt()).isEqualTo(40);
        assertThat(definition.at("/States/EnrichOrders/ResultWriter/Parameters/Bucket").asText())
                .isEqualTo(sample.bucket());
        assertThat(definition.at(S3_TASK + "/Parameters/QueueUrl").asText()).isEqualTo(summary.workQueueUrl());
        assertThat(definition.at(S3_TASK + "/HeartbeatSeconds").asInt()).isEqualTo(60);
        assertThat(summary.lines()).hasSize(8);
        assertThat(summary.lines().subList(3, 8)).satisfiesExactly(
                line -> assertThat(line).matches("bucket +created +" + sample.bucket() + "  s3://" + sample.bucket()),
                line -> assertThat(line).matches("expiry rule +created +sfn-task-bridge-payload-expiry  offload/\\* "
                                                 + "after 7 days"),
                line -> assertThat(line).matches("sample items +created +samples/orders-150.json  s3://"
                                                 + sample.bucket() + "/samples/orders-150.json"),
                line -> assertThat(line).matches("state machine +created +" + sample.stateMachineName() + "  "
                                                 + machine.stateMachineArn()),
                line -> assertThat(line).isEqualTo("s3 sample input   " + s3.startInput()));
    }

    @Test
    void secondS3RunUploadsNothingKeepsOtherRulesAndAppliesTheNewExpiry() throws Exception {
        ProvisionSettings first = TestWorkflows.withS3Sample(TestWorkflows.orderEnrichment("provision-s3-again", 40),
                7, SAMPLE_ITEMS);
        S3Sample sample = first.s3Sample().orElseThrow();
        S3SampleResources created = provisioner.provision(first).s3Sample().orElseThrow();
        // Between the runs: a tag on the orders, which a second upload would drop, and an operator's own rule.
        LocalStack.s3().putObjectTagging(request -> request.bucket(sample.bucket()).key(sample.itemsKey())
                .tagging(tagging -> tagging.tagSet(Tag.builder().key("marker").value("first-upload").build())));
        List<LifecycleRule> rules = new ArrayList<>(LocalStack.s3().getBucketLifecycleConfiguration(
                request -> request.bucket(sample.bucket())).rules());
        rules.add(LifecycleRule.builder().id("operators-logs").status(ExpirationStatus.ENABLED)
                .filter(filter -> filter.prefix("logs/")).expiration(expiry -> expiry.days(90)).build());
        LocalStack.s3().putBucketLifecycleConfiguration(request -> request.bucket(sample.bucket())
                .lifecycleConfiguration(configuration -> configuration.rules(rules)));

        ProvisionSummary summary = provisioner.provision(TestWorkflows.withS3Sample(first, 14, SAMPLE_ITEMS));

        S3SampleResources updated = summary.s3Sample().orElseThrow();
        assertThat(List.of(updated.bucket(), updated.expiryRule(), updated.sampleItems(), updated.stateMachine()))
                .allSatisfy(resource -> assertThat(resource.action()).as(resource.name()).isEqualTo(Action.UPDATED));
        assertThat(updated.stateMachine().id()).isEqualTo(created.stateMachine().id());
        assertThat(updated.startInput()).isEqualTo(created.startInput());
        assertThat(LocalStack.s3().getObjectTagging(request -> request.bucket(sample.bucket())
                .key(sample.itemsKey())).tagSet()).as("the orders were not uploaded again")
                .extracting(Tag::value).containsExactly("first-upload");
        assertThat(LocalStack.s3().getBucketLifecycleConfiguration(request -> request.bucket(sample.bucket())).rules())
                .hasSize(2)
                .anySatisfy(rule -> assertExpiryRule(rule, "offload/", 14))
                .anySatisfy(rule -> assertThat(rule.id()).isEqualTo("operators-logs"));
        assertThat(LocalStack.sfn().listStateMachinesPaginator(request -> { }).stateMachines().stream()
                .filter(machine -> machine.name().equals(sample.stateMachineName()))).hasSize(1);
    }

    @Test
    void existingBucketIsUsedAndOrdersChangedThereAreUploadedAgain() throws Exception {
        ProvisionSettings settings = TestWorkflows.withS3Sample(TestWorkflows.orderEnrichment("provision-s3-own", 40),
                30, SAMPLE_ITEMS);
        S3Sample sample = settings.s3Sample().orElseThrow();
        LocalStack.s3().createBucket(request -> request.bucket(sample.bucket()));

        S3SampleResources first = provisioner.provision(settings).s3Sample().orElseThrow();
        LocalStack.s3().putObject(request -> request.bucket(sample.bucket()).key(sample.itemsKey()),
                RequestBody.fromString("[]"));
        S3SampleResources second = provisioner.provision(settings).s3Sample().orElseThrow();

        assertThat(first.bucket().action()).isEqualTo(Action.UPDATED);
        assertThat(first.sampleItems().action()).isEqualTo(Action.CREATED);
        assertThat(second.sampleItems().action()).isEqualTo(Action.UPDATED);
        assertThat(LocalStack.s3().getObjectAsBytes(request -> request.bucket(sample.bucket())
                .key(sample.itemsKey())).asByteArray()).isEqualTo(SampleOrders.json(SAMPLE_ITEMS));
    }

    @Test
    void s3SampleReadsItsOrdersFromS3AndRefusesAnInputWithoutAPointer() throws Exception {
        ProvisionSettings settings = TestWorkflows.withS3Sample(TestWorkflows.orderEnrichment("provision-s3-run", 40),
                30, SAMPLE_ITEMS);
        String bucket = settings.s3Sample().orElseThrow().bucket();
        String machine = provisioner.provision(settings).s3SampleStateMachineArn().orElseThrow();
        LocalStack.s3().putObject(request -> request.bucket(bucket).key("samples/pass-through.json"),
                RequestBody.fromString("[{\"orderId\":\"o-1\",\"needsEnrichment\":false},{\"orderId\":\"o-2\"}]"));

        DescribeExecutionResponse passed = run(machine, "{\"s3Payload\": {\"bucket\": \"" + bucket
                                                        + "\", \"key\": \"samples/pass-through.json\"}}");
        DescribeExecutionResponse orders = run(machine, "{\"orders\": [{\"orderId\": \"o-1\"}]}");
        DescribeExecutionResponse noKey = run(machine, "{\"s3Payload\": {\"bucket\": \"" + bucket + "\"}}");

        assertThat(passed.status()).as("%s %s", passed.error(), passed.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode written = JSON.readTree(passed.output()).path("ResultWriterDetails");
        assertThat(written.path("Bucket").asText()).isEqualTo(bucket);
        assertThat(written.path("Key").asText()).startsWith("results/");
        for (DescribeExecutionResponse refused : List.of(orders, noKey)) {
            assertThat(refused.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(refused.error()).isEqualTo("Sample.NeedsS3Pointer");
            assertThat(refused.cause()).contains("reads its orders from S3").contains("{\"s3Payload\": {\"bucket\"");
        }
    }

    @Test
    void withoutAnS3ClientAPayloadBucketIsRefusedBeforeAnythingIsCreated() {
        ProvisionSettings settings = TestWorkflows.withS3Sample(TestWorkflows.orderEnrichment("provision-no-s3", 40),
                30, SAMPLE_ITEMS);

        assertThatThrownBy(() -> new Provisioner(LocalStack.sqs(), LocalStack.sfn()).provision(settings))
                .isInstanceOf(ProvisioningException.class)
                .hasMessage("bridge.payload.bucket is set, but this provisioner has no S3 client");
        assertThat(LocalStack.sqs().listQueues(request -> request.queueNamePrefix(settings.stateMachineName()))
                .queueUrls()).isEmpty();
    }

    private static void assertExpiryRule(LifecycleRule rule, String prefix, int days) {
        assertThat(rule.id()).isEqualTo(PayloadBucket.EXPIRY_RULE_ID);
        assertThat(rule.status()).isEqualTo(ExpirationStatus.ENABLED);
        assertThat(rule.filter().prefix()).isEqualTo(prefix);
        assertThat(rule.expiration().days()).isEqualTo(days);
    }

    private static DescribeExecutionResponse run(String stateMachineArn, String input) {
        String executionArn = LocalStack.sfn().startExecution(request -> request.stateMachineArn(stateMachineArn)
                .input(input)).executionArn();
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> LocalStack.sfn().describeExecution(request -> request.executionArn(executionArn)),
                        described -> described.status() != ExecutionStatus.RUNNING);
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
