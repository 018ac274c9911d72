package io.sfntaskbridge.provision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefinitionTemplateTest {

    private static final Map<String, String> VALUES = Map.of("WorkQueueUrl", "http://sqs/queue/work",
            "MapMaxConcurrency", "40", "HeartbeatSeconds", "60", "TimeoutSeconds", "900");
    private static final String ACTIVITY_ARN = "arn:aws:states:us-east-1:000000000000:activity:sfn-task-bridge-orders";
    private static final Map<String, String> ACTIVITY_VALUES = Map.of("ActivityArn", ACTIVITY_ARN,
            "MapMaxConcurrency", "40", "ActivityHeartbeatSeconds", "60", "TimeoutSeconds", "900");
    private static final Map<String, String> S3_VALUES = Map.of("WorkQueueUrl", "http://sqs/queue/work",
            "MapMaxConcurrency", "40", "HeartbeatSeconds", "60", "TimeoutSeconds", "900",
            "PayloadBucket", "payloads-1");

    @TempDir
    Path dir;

    @Test
    void sampleWorkflowRendersToJsonWithNumbersUnquoted() throws Exception {
        String definition = DefinitionTemplate.load(Path.of("statemachines/order-enrichment.asl.json"),
                "bridge.statemachine.definition", Provisioner.PLACEHOLDERS).render(VALUES);

        JsonNode root = new ObjectMapper().readTree(definition);
        JsonNode processor = root.at("/States/EnrichOrders/ItemProcessor");
        JsonNode task = processor.at("/States/EnrichViaBridge");
        assertThat(root.at("/States/EnrichOrders/MaxConcurrency").isInt()).isTrue();
        assertThat(processor.at("/ProcessorConfig/Mode").asText()).isEqualTo("DISTRIBUTED");
        assertThat(processor.at("/ProcessorConfig/ExecutionType").asText()).isEqualTo("STANDARD");
        assertThat(task.at("/Parameters/QueueUrl").asText()).isEqualTo("http://sqs/queue/work");
        assertThat(task.at("/Parameters/MessageBody/heartbeatSeconds").asInt()).isEqualTo(60);
        assertThat(task.at("/HeartbeatSeconds").asInt()).isEqualTo(60);
        assertThat(task.at("/TimeoutSeconds").asInt()).isEqualTo(900);
        assertThat(definition).doesNotContain("${");
    }

    @Test
    void activitySampleRendersToJsonWhoseTaskIsTheActivity() throws Exception {
        String definition = DefinitionTemplate.load(Path.of("statemachines/order-enrichment-activity.asl.json"),
                "bridge.activity.statemachine.definition", Provisioner.ACTIVITY_PLACEHOLDERS).render(ACTIVITY_VALUES);

        JsonNode root = new ObjectMapper().readTree(definition);
        JsonNode processor = root.at("/States/EnrichOrders/ItemProcessor");
        JsonNode task = processor.at("/States/EnrichViaActivity");
        assertThat(root.at("/States/EnrichOrders/MaxConcurrency").isInt()).isTrue();
        assertThat(root.at("/States/EnrichOrders/ItemsPath").asText()).isEqualTo("$.orders");
        assertThat(processor.at("/ProcessorConfig/Mode").asText()).isEqualTo("DISTRIBUTED");
        assertThat(processor.at("/ProcessorConfig/ExecutionType").asText()).isEqualTo("STANDARD");
        assertThat(processor.at("/States/NeedsEnrichment/Choices/0/Next").asText()).isEqualTo("EnrichViaActivity");
        assertThat(task.at("/Resource").asText()).isEqualTo(ACTIVITY_ARN);
        assertThat(task.has("Parameters")).as("the order itself is the input, no envelope").isFalse();
        assertThat(task.at("/HeartbeatSeconds").isInt()).isTrue();
        assertThat(task.at("/HeartbeatSeconds").asInt()).isEqualTo(60);
        assertThat(task.at("/TimeoutSeconds").asInt()).isEqualTo(900);
        assertThat(task.at("/Retry/0/ErrorEquals/0").asText()).isEqualTo("Bridge.Timeout");
        JsonNode stopped = task.at("/Retry/1");
        assertThat(stopped.at("/ErrorEquals/0").asText()).isEqualTo("Bridge.WorkerStopped");
        assertThat(stopped.at("/IntervalSeconds").asInt()).isEqualTo(1);
        assertThat(stopped.at("/MaxAttempts").asInt()).isEqualTo(3);
        assertThat(stopped.at("/BackoffRate").asInt()).isEqualTo(2);
        assertThat(task.at("/Catch/0/Next").asText()).isEqualTo("RecordFailure");
        assertThat(definition).doesNotContain("${");
    }

    @Test
    void s3SampleRendersToJsonThatReadsAndWritesS3AroundTheQueueSamplesItemProcessor() throws Exception {
        String definition = DefinitionTemplate.load(Path.of("statemachines/order-enrichment-s3.asl.json"),
                "bridge.s3sample.statemachine.definition", Provisioner.S3_PLACEHOLDERS).render(S3_VALUES);
        String queueSample = DefinitionTemplate.load(Path.of("statemachines/order-enrichment.asl.json"),
                "bridge.statemachine.definition", Provisioner.PLACEHOLDERS).render(VALUES);

        JsonNode root = new ObjectMapper().readTree(definition);
        JsonNode map = root.at("/States/EnrichOrders");
        assertThat(definition).doesNotContain("${");
        assertThat(map.at("/MaxConcurrency").isInt()).isTrue();
        assertThat(map.at("/MaxConcurrency").asInt()).isEqualTo(40);
        assertThat(map.has("ItemsPath")).as("the items come from the ItemReader").isFalse();
        assertThat(map.at("/ItemReader/Resource").asText()).isEqualTo("arn:aws:states:::s3:getObject");
        assertThat(map.at("/ItemReader/ReaderConfig/InputType").asText()).isEqualTo("JSON");
        assertThat(map.at("/ItemReader/Parameters/Bucket.$").asText()).isEqualTo("$.s3Payload.bucket");
        assertThat(map.at("/ItemReader/Parameters/Key.$").asText()).isEqualTo("$.s3Payload.key");
        assertThat(map.at("/ResultWriter/Resource").asText()).isEqualTo("arn:aws:states:::s3:putObject");
        assertThat(map.at("/ResultWriter/Parameters/Bucket").asText()).isEqualTo("payloads-1");
        assertThat(map.at("/ResultWriter/Parameters/Prefix").asText()).isEqualTo("results/");
        assertThat(map.at("/ItemProcessor")).as("the queue sample's ItemProcessor, so the shipped worker works it")
                .isEqualTo(new ObjectMapper().readTree(queueSample).at("/States/EnrichOrders/ItemProcessor"));

        assertThat(root.at("/StartAt").asText()).isEqualTo("HasS3Pointer");
        JsonNode check = root.at("/States/HasS3Pointer");
        assertThat(check.at("/Type").asText()).isEqualTo("Choice");
        assertThat(check.at("/Choices/0/And/0/Variable").asText()).isEqualTo("$.s3Payload.bucket");
        assertThat(check.at("/Choices/0/And/1/Variable").asText()).isEqualTo("$.s3Payload.key");
        assertThat(check.at("/Choices/0/Next").asText()).isEqualTo("EnrichOrders");
        JsonNode fail = root.at("/States/" + check.at("/Default").asText());
        assertThat(fail.at("/Type").asText()).isEqualTo("Fail");
        assertThat(fail.at("/Error").asText()).isEqualTo("Sample.NeedsS3Pointer");
        assertThat(fail.at("/Cause").asText()).contains("{\"s3Payload\": {\"bucket\": \"...\", \"key\": \"...\"}}");
    }

    @Test
    void s3SampleTemplateUsesEveryS3PlaceholderAndNoOther() throws Exception {
        String text = Files.readString(Path.of("statemachines/order-enrichment-s3.asl.json"));

        assertThat(Pattern.compile("\\$\\{([A-Za-z0-9_]*)}").matcher(text).results()
                .map(match -> match.group(1)).collect(Collectors.toSet()))
                .isEqualTo(Provisioner.S3_PLACEHOLDERS);
    }

    @Test
    void activityPlaceholdersAreRefusedInTheS3Template() throws Exception {
        Path template = Files.writeString(dir.resolve("s3.asl.json"),
                "{\"Bucket\": \"${PayloadBucket}\", \"Resource\": \"${ActivityArn}\"}");

        assertThatThrownBy(() -> DefinitionTemplate.load(template, "bridge.s3sample.statemachine.definition",
                Provisioner.S3_PLACEHOLDERS))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("has placeholders provisioning cannot fill: ${ActivityArn}")
                .hasMessageContaining("known: HeartbeatSeconds, MapMaxConcurrency, PayloadBucket, TimeoutSeconds, "
                                      + "WorkQueueUrl");
    }

    @Test
    void queuePlaceholdersAreRefusedInTheActivityTemplate() throws Exception {
        Path template = Files.writeString(dir.resolve("mixed.asl.json"),
                "{\"Resource\": \"${ActivityArn}\", \"QueueUrl\": \"${WorkQueueUrl}\", \"H\": ${HeartbeatSeconds}}");

        assertThatThrownBy(() -> DefinitionTemplate.load(template, "bridge.activity.statemachine.definition",
                Provisioner.ACTIVITY_PLACEHOLDERS))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("has placeholders provisioning cannot fill: ${HeartbeatSeconds}, ${WorkQueueUrl}")
                .hasMessageContaining("known: ActivityArn, ActivityHeartbeatSeconds, MapMaxConcurrency, "
                                      + "TimeoutSeconds");
    }

    @Test
    void missingFileNamesThePathAndTheKey() {
        assertThatThrownBy(() -> DefinitionTemplate.load(dir.resolve("absent.asl.json"),
                "bridge.statemachine.definition", Provisioner.PLACEHOLDERS))
                .isInstanceOf(ProvisioningException.class)
                .hasMessage("state machine definition not found: " + dir.resolve("absent.asl.json")
                            + " (bridge.statemachine.definition is relative to the working directory)");
    }

    @Test
    void missingActivityTemplateNamesItsOwnKey() {
        assertThatThrownBy(() -> DefinitionTemplate.load(dir.resolve("absent.asl.json"),
                "bridge.activity.statemachine.definition", Provisioner.ACTIVITY_PLACEHOLDERS))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageEndingWith("(bridge.activity.statemachine.definition is relative to the working directory)");
    }

    @Test
    void unknownPlaceholdersAreNamedBeforeAnythingIsCreated() throws Exception {
        Path template = Files.writeString(dir.resolve("typo.asl.json"),
                "{\"TimeoutSeconds\": ${TimeoutSecond}, \"X\": \"${}\", \"Y\": ${HeartbeatSeconds}}");

        assertThatThrownBy(() -> DefinitionTemplate.load(template, "bridge.statemachine.definition",
                Provisioner.PLACEHOLDERS))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("has placeholders provisioning cannot fill: ${TimeoutSecond}, ${}")
                .hasMessageContaining("known: HeartbeatSeconds, MapMaxConcurrency, TimeoutSeconds, WorkQueueUrl");
    }
}
