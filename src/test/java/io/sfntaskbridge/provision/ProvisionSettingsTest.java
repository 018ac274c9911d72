package io.sfntaskbridge.provision;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import io.sfntaskbridge.provision.ProvisionSettings.ActivityWorkflow;
import io.sfntaskbridge.provision.ProvisionSettings.S3Sample;
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
            entry("bridge.activity.heartbeat-seconds", "45"),
            entry("bridge.payload.bucket", " payloads-1 "),
            entry("bridge.payload.provision", "true"),
            entry("bridge.payload.key-prefix", "big/"),
            entry("bridge.payload.expiry-days", "7"),
            entry("bridge.payload.sample-items", "50"),
            entry("bridge.s3sample.statemachine.name", "orders-from-s3"),
            entry("bridge.s3sample.statemachine.definition", "statemachines/order-enrichment-s3.asl.json")));

    @Test
    void everyKeyReachesItsField() {
        assertThat(ProvisionSettings.fromConfig(this::lookup)).isEqualTo(new ProvisionSettings("work", "work-dlq", 3,
                60, "order-enrichment", Path.of("statemachines/order-enrichment.asl.json"),
                "arn:aws:iam::000000000000:role/bridge", 40, 60, 900, Optional.of(new ActivityWorkflow("orders",
                "order-enrichment-activity", Path.of("statemachines/order-enrichment-activity.asl.json"), 45)),
                Optional.of(new S3Sample("payloads-1", "big/", 7, 50, "orders-from-s3",
                        Path.of("statemachines/order-enrichment-s3.asl.json")))));
    }

    @Test
    void shippedConfigurationProvisionsTheActivitySample() throws Exception {
        Properties shipped = shipped();

        assertThat(ProvisionSettings.fromConfig(key -> Optional.ofNullable(shipped.getProperty(key)))
                .activityWorkflow()).contains(new ActivityWorkflow("sfn-task-bridge-orders",
                "order-enrichment-activity", Path.of("statemachines/order-enrichment-activity.asl.json"), 60));
    }

    @Test
    void shippedConfigurationNamesNoBucketSoProvisionsNoS3Sample() throws Exception {
        Properties shipped = shipped();

        assertThat(ProvisionSettings.fromConfig(key -> Optional.ofNullable(shipped.getProperty(key))).s3Sample())
                .isEmpty();
    }

    @Test
    void shippedConfigurationWithABucketProvisionsTheS3SampleAsShipped() throws Exception {
        Properties shipped = shipped();
        shipped.setProperty("bridge.payload.bucket", "sfn-task-bridge-payloads");

        assertThat(ProvisionSettings.fromConfig(key -> Optional.ofNullable(shipped.getProperty(key))).s3Sample())
                .contains(new S3Sample("sfn-task-bridge-payloads", "offload/", 30, 2000, "order-enrichment-s3",
                        Path.of("statemachines/order-enrichment-s3.asl.json")));
    }

    @Test
    void onlyTheBucketIsNeededTheOtherS3KeysHaveDefaults() {
        config.keySet().removeIf(key -> key.startsWith("bridge.payload.") || key.startsWith("bridge.s3sample."));
        config.put("bridge.payload.bucket", "payloads-2");

        S3Sample sample = ProvisionSettings.fromConfig(this::lookup).s3Sample().orElseThrow();

        assertThat(sample).isEqualTo(new S3Sample("payloads-2", "offload/", 30, 2000, "order-enrichment-s3",
                Path.of("statemachines/order-enrichment-s3.asl.json")));
        assertThat(sample.itemsKey()).isEqualTo("samples/orders-2000.json");
    }

    @Test
    void blankBucketProvisionsNoS3SampleAndNeedsNoOtherS3Key() {
        config.put("bridge.payload.bucket", "  ");
        config.put("bridge.payload.expiry-days", "never");

        assertThat(ProvisionSettings.fromConfig(this::lookup).s3Sample()).isEmpty();
    }

    @Test
    void payloadProvisionFalseProvisionsNoS3SampleThoughABucketIsSet() {
        config.put("bridge.payload.provision", " false");

        assertThat(ProvisionSettings.fromConfig(this::lookup).s3Sample()).isEmpty();
    }

    @Test
    void payloadProvisionFlagIsTrueOrFalse() {
        config.put("bridge.payload.provision", "1");

        assertThatThrownBy(() -> ProvisionSettings.fromConfig(this::lookup))
                .isInstanceOf(ProvisioningException.class)
                .hasMessage("bridge.payload.provision must be true or false, not '1'");
    }

    @Test
    void bucketNameThatS3WouldRefuseIsNamedWithItsKey() {
        config.put("bridge.payload.bucket", "Payloads_1");

        assertThatThrownBy(() -> ProvisionSettings.fromConfig(this::lookup))
                .isInstanceOf(ProvisioningException.class)
                .hasMessage("bridge.payload.bucket 'Payloads_1' is not a valid S3 bucket name (3-63 lower-case "
                            + "letters, digits, dots and hyphens)");
    }

    @Test
    void keyPrefixWhoseExpiryRuleWouldDeleteTheSampleOrdersIsRefused() {
        for (String prefix : new String[] {"", "sam", "samples/", "samples/old/"}) {
            config.put("bridge.payload.key-prefix", prefix);

            assertThatThrownBy(() -> ProvisionSettings.fromConfig(this::lookup)).as("prefix '%s'", prefix)
                    .isInstanceOf(ProvisioningException.class)
                    .hasMessage("bridge.payload.key-prefix '" + prefix + "' would let its expiry rule delete the "
                                + "sample orders under samples/; use a prefix of its own, such as offload/");
        }
    }

    @Test
    void nonPositiveSampleItemsAndExpiryDaysAreNamedWithTheirValues() {
        config.put("bridge.payload.sample-items", "0");
        assertThatThrownBy(() -> ProvisionSettings.fromConfig(this::lookup))
                .isInstanceOf(ProvisioningException.class)
                .hasMessage("bridge.payload.sample-items must be a positive whole number, not '0'");

        config.put("bridge.payload.sample-items", "10");
        config.put("bridge.payload.expiry-days", "30d");
        assertThatThrownBy(() -> ProvisionSettings.fromConfig(this::lookup))
                .isInstanceOf(ProvisioningException.class)
                .hasMessage("bridge.payload.expiry-days must be a positive whole number, not '30d'");
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

    private static Properties shipped() throws Exception {
        Properties shipped = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config/application.properties"))) {
            shipped.load(reader);
        }
        return shipped;
    }
}
