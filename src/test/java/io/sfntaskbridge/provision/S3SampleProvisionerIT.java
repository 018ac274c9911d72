package io.sfntaskbridge.provision;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfntaskbridge.provision.ProvisionSettings.S3Sample;
import io.sfntaskbridge.provision.ProvisionSummary.Action;
import io.sfntaskbridge.provision.ProvisionSummary.S3SampleResources;
import io.sfntaskbridge.testsupport.LocalStack;
import io.sfntaskbridge.testsupport.TestWorkflows;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Provisioning of the payload bucket and the S3 sample on LocalStack: bucket, expiry rule, orders, state machine. */
class S3SampleProvisionerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String S3_TASK = "/States/EnrichOrders/ItemProcessor/States/EnrichViaBridge";
    private static final int SAMPLE_ITEMS = 150;

    private final Provisioner provisioner = new Provisioner(LocalStack.sqs(), LocalStack.sfn(), LocalStack.s3());
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
}
