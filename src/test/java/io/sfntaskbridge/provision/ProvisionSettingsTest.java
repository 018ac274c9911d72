package io.sfntaskbridge.provision;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProvisionSettingsTest {

    private final Map<String, String> config = new HashMap<>(Map.of(
            "bridge.worker.queue-name", "work",
            "bridge.worker.dlq-name", "work-dlq",
            "bridge.worker.max-receive-count", "3",
            "bridge.worker.visibility-timeout-seconds", "60",
            "bridge.statemachine.name", "order-enrichment",
            "bridge.statemachine.definition", "statemachines/order-enrichment.asl.json",
            "bridge.statemachine.role-arn", "arn:aws:iam::000000000000:role/bridge",
            "bridge.statemachine.map-max-concurrency", "40",
            "bridge.statemachine.heartbeat-seconds", "60",
            "bridge.statemachine.timeout-seconds", " 900 "));

    @Test
    void everyKeyReachesItsField() {
        assertThat(ProvisionSettings.fromConfig(this::lookup)).isEqualTo(new ProvisionSettings("work", "work-dlq", 3,
                60, "order-enrichment", Path.of("statemachines/order-enrichment.asl.json"),
                "arn:aws:iam::000000000000:role/bridge", 40, 60, 900));
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

    private Optional<String> lookup(String key) {
        return Optional.ofNullable(config.get(key));
    }
}
