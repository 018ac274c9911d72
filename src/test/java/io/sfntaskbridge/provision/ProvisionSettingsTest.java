package io.sfntaskbridge.provision;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import io.sfntaskbridge.provision.ProvisionSettings.ActivityWorkflow;
import org.junit.jupiter.api.Test;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProvisionSettingsTest {

    private final Map<String, String> config = new HashMap<>(Map.ofEntries(
            entry("bridge.worker.queue-name", "work"),
            entry("bridge.worker.dlq-name", "work-dlq"),
            entry("bridge.worker.max-receive-count", "3"),
            entry("bridge.worker.visibility-timeout-seconds", "60"),
            entry("bridge.statemachine.name", "order-enrichment"),
            entry("bridge.statemachine.definition", "statemachines/order-enrichment.asl.json"),
            entry("bridge.statemachine.role-arn", "arn:aws:iam::000000000000:role/bridge"),
            entry("bridge.statemachine.map-max-concurrency", "40"),
            entry("bridge.statemachine.heartbeat-seconds", "60"),
            entry("bridge.statemachine.timeout-seconds", " 900 "),
            entry("bridge.activity.provision", "true"),
            entry("bridge.activity.name", "orders"),
            entry("bridge.activity.statemachine.name", "order-enrichment-activity"),
            entry("bridge.activity.statemachine.definition", "statemachines/order-enrichment-activity.asl.json"),
            entry("bridge.activity.heartbeat-seconds", "45")));

    @Test
    void everyKeyReachesItsField() {
        assertThat(ProvisionSettings.fromConfig(this::lookup)).isEqualTo(new ProvisionSettings("work", "work-dlq", 3,
                60, "order-enrichment", Path.of("statemachines/order-enrichment.asl.json"),
                "arn:aws:iam::000000000000:role/bridge", 40, 60, 900, Optional.of(new ActivityWorkflow("orders",
                "order-enrichment-activity", Path.of("statemachines/order-enrichment-activity.asl.json"), 45))));
    }

    @Test
    void shippedConfigurationProvisionsTheActivitySample() throws Exception {
        Properties shipped = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config/application.properties"))) {
            shipped.load(reader);
        }

        assertThat(ProvisionSettings.fromConfig(key -> Optional.ofNullable(shipped.getProperty(key)))
                .activityWorkflow()).contains(new ActivityWorkflow("sfn-task-bridge-orders",
                "order-enrichment-activity", Path.of("statemachines/order-enrichment-activity.asl.json"), 60));
    }

    @Test
    void aConfigurationOfAnEarlierVersionWithoutTheActivityKeysProvisionsNoActivitySample() {
        config.keySet().removeIf(key -> key.startsWith("bridge.activity."));

        assertThat(ProvisionSettings.fromConfig(this::lookup).activityWorkflow()).isEmpty();
    }

    @Test
    void activityProvisioningOffNeedsNoActivityKeys() {
        config.put("bridge.activity.provision", " FALSE ");
        config.keySet().removeIf(key -> key.startsWith("bridge.activity.") && !key.equals("bridge.activity.provision"));

        assertThat(ProvisionSettings.fromConfig(this::lookup).activityWorkflow()).isEmpty();
    }

    @Test
    void activityKeysAreNeededWhenItIsProvisioned() {
        config.remove("bridge.activity.statemachine.name");

        assertThatThrownBy(() -> ProvisionSettings.fromConfig(this::lookup))
                .isInstanceOf(ProvisioningException.class).hasMessage("bridge.activity.statemachine.name is not set");
    }

    @Test
    void provisionFlagIsTrueOrFalse() {
        config.put("bridge.activity.provision", "yes");

        assertThatThrownBy(() -> ProvisionSettings.fromConfig(this::lookup))
                .isInstanceOf(ProvisioningException.class)
                .hasMessage("bridge.activity.provision must be true or false, not 'yes'");
    }

    @Test
    void blankKeyIsNamed() {
        config.put("bridge.worker.dlq-name", " ");

        assertThatThrownBy(() -> ProvisionSettings.fromConfig(this::lookup))
                .isInstanceOf(ProvisioningException.class).hasMessage("bridge.worker.dlq-name is not set");
    }

    @Test
    void nonPositiveNumberIsNamedWithItsValue() {
        config.put("bridge.worker.max-receive-count", "0");

        assertThatThrownBy(() -> ProvisionSettings.fromConfig(this::lookup))
                .isInstanceOf(ProvisioningException.class)
                .hasMessage("bridge.worker.max-receive-count must be a positive whole number, not '0'");
    }

    @Test
    void nonPositiveActivityHeartbeatIsNamedWithItsValue() {
        config.put("bridge.activity.heartbeat-seconds", "-5");

        assertThatThrownBy(() -> ProvisionSettings.fromConfig(this::lookup))
                .isInstanceOf(ProvisioningException.class)
                .hasMessage("bridge.activity.heartbeat-seconds must be a positive whole number, not '-5'");
    }

    private Optional<String> lookup(String key) {
        return Optional.ofNullable(config.get(key));
    }
}
