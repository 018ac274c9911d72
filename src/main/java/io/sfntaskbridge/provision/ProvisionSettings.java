package io.sfntaskbridge.provision;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@link Provisioner} creates, read from the {@code bridge.worker.*}, {@code bridge.statemachine.*} and
 * {@code bridge.activity.*} keys.
 *
 * @param queueName                the work queue the state machine's {@code .waitForTaskToken} task writes to
 * @param deadLetterQueueName      where SQS moves messages received {@code maxReceiveCount} times
 * @param maxReceiveCount          receives before a message goes to the dead-letter queue
 * @param visibilityTimeoutSeconds the work queue's default visibility timeout
 * @param stateMachineName         name of the STANDARD state machine
 * @param definition               ASL template file, relative to the working directory
 * @param roleArn                  execution role of the state machine (and of the activity sample's)
 * @param mapMaxConcurrency        substituted for {@code ${MapMaxConcurrency}} in both templates
 * @param heartbeatSeconds         substituted for {@code ${HeartbeatSeconds}}
 * @param timeoutSeconds           substituted for {@code ${TimeoutSeconds}} in both templates
 * @param activityWorkflow         the sample activity workflow; empty with {@code bridge.activity.provision=false}
 */
public record ProvisionSettings(String queueName, String deadLetterQueueName, int maxReceiveCount,
                                int visibilityTimeoutSeconds, String stateMachineName, Path definition,
                                String roleArn, int mapMaxConcurrency, int heartbeatSeconds, int timeoutSeconds,
                                Optional<ActivityWorkflow> activityWorkflow) {

    /**
     * The sample workflow whose Task state is a Step Functions activity, which an {@code sfn-task:activity:} worker
     * polls.
     *
     * @param activityName     the activity, created unless one of that name exists
     * @param stateMachineName name of its STANDARD state machine
     * @param definition       its ASL template file, relative to the working directory
     * @param heartbeatSeconds substituted for {@code ${ActivityHeartbeatSeconds}}
     */
    public record ActivityWorkflow(String activityName, String stateMachineName, Path definition,
                                   int heartbeatSeconds) {
    }

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
                keys.positive("bridge.statemachine.timeout-seconds"),
                activityWorkflow(keys));
    }

    /** The activity keys are read only when the sample is provisioned, so without it they may be left out. */
    private static Optional<ActivityWorkflow> activityWorkflow(Keys keys) {
        if (!keys.flag("bridge.activity.provision")) {
            return Optional.empty();
        }
        return Optional.of(new ActivityWorkflow(
                keys.text("bridge.activity.name"),
                keys.text("bridge.activity.statemachine.name"),
                Path.of(keys.text("bridge.activity.statemachine.definition")),
                keys.positive("bridge.activity.heartbeat-seconds")));
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

        /** A true/false key; absent (a configuration file of an earlier version) reads as false. */
        boolean flag(String key) {
            String value = config.apply(key).map(String::strip).orElse("false");
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(value);
            }
            throw new ProvisioningException(key + " must be true or false, not '" + value + "'");
        }
    }
}
