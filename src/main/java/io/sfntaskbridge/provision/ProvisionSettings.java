package io.sfntaskbridge.provision;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@link Provisioner} creates, read from the {@code bridge.worker.*} and {@code bridge.statemachine.*} keys.
 *
 * @param queueName                the work queue the state machine's {@code .waitForTaskToken} task writes to
 * @param deadLetterQueueName      where SQS moves messages received {@code maxReceiveCount} times
 * @param maxReceiveCount          receives before a message goes to the dead-letter queue
 * @param visibilityTimeoutSeconds the work queue's default visibility timeout
 * @param stateMachineName         name of the STANDARD state machine
 * @param definition               ASL template file, relative to the working directory
 * @param roleArn                  execution role of the state machine
 * @param mapMaxConcurrency        substituted for {@code ${MapMaxConcurrency}}
 * @param heartbeatSeconds         substituted for {@code ${HeartbeatSeconds}}
 * @param timeoutSeconds           substituted for {@code ${TimeoutSeconds}}
 */
public record ProvisionSettings(String queueName, String deadLetterQueueName, int maxReceiveCount,
                                int visibilityTimeoutSeconds, String stateMachineName, Path definition,
                                String roleArn, int mapMaxConcurrency, int heartbeatSeconds, int timeoutSeconds) {

    /** @param config resolves a configuration key, with placeholders and environment overrides applied */
    public static ProvisionSettings fromConfig(Function<String, Optional<String>> config) {
        Keys keys = new Keys(config);
        return new ProvisionSettings(
                keys.text("bridge.worker.queue-name"),
                keys.text("bridge.worker.dlq-name"),
                keys.positive("bridge.worker.max-receive-count"),
                keys.positive("bridge.worker.visibility-timeout-seconds"),
                keys.text("bridge.statemachine.name"),
                Path.of(keys.text("bridge.statemachine.definition")),
                keys.text("bridge.statemachine.role-arn"),
                keys.positive("bridge.statemachine.map-max-concurrency"),
                keys.positive("bridge.statemachine.heartbeat-seconds"),
                keys.positive("bridge.statemachine.timeout-seconds"));
    }

    private record Keys(Function<String, Optional<String>> config) {

        String text(String key) {
            return config.apply(key).map(String::strip).filter(value -> !value.isEmpty())
                    .orElseThrow(() -> new ProvisioningException(key + " is not set"));
        }

        int positive(String key) {
            String value = text(key);
            try {
                int number = Integer.parseInt(value);
                if (number > 0) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below, with the key
            }
            throw new ProvisioningException(key + " must be a positive whole number, not '" + value + "'");
        }
    }
}
