package io.sfntaskbridge.provision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefinitionTemplateTest {

    private static final Map<String, String> VALUES = Map.of("WorkQueueUrl", "http://sqs/queue/work",
            "MapMaxConcurrency", "40", "HeartbeatSeconds", "60", "TimeoutSeconds", "900");

    @TempDir
    Path dir;

    @Test
    void sampleWorkflowRendersToJsonWithNumbersUnquoted() throws Exception {
        String definition = DefinitionTemplate.load(Path.of("statemachines/order-enrichment.asl.json"),
                Provisioner.PLACEHOLDERS).render(VALUES);

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
    void missingFileNamesThePathAndTheKey() {
        assertThatThrownBy(() -> DefinitionTemplate.load(dir.resolve("absent.asl.json"), Provisioner.PLACEHOLDERS))
                .isInstanceOf(ProvisioningException.class)
                .hasMessage("state machine definition not found: " + dir.resolve("absent.asl.json")
                            + " (bridge.statemachine.definition is relative to the working directory)");
    }

    @Test
    void unknownPlaceholdersAreNamedBeforeAnythingIsCreated() throws Exception {
        Path template = Files.writeString(dir.resolve("typo.asl.json"),
                "{\"TimeoutSeconds\": ${TimeoutSecond}, \"X\": \"${}\", \"Y\": ${HeartbeatSeconds}}");

        assertThatThrownBy(() -> DefinitionTemplate.load(template, Provisioner.PLACEHOLDERS))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("has placeholders provisioning cannot fill: ${TimeoutSecond}, ${}")
                .hasMessageContaining("known: HeartbeatSeconds, MapMaxConcurrency, TimeoutSeconds, WorkQueueUrl");
    }
}
