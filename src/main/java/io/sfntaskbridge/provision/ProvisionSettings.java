package io.sfntaskbridge.provision;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What {@link Provisioner} creates, read from the {@code bridge.worker.*}, {@code bridge.statemachine.*},
 * {@code bridge.activity.*}, {@code bridge.payload.*} and {@code bridge.s3sample.*} keys.
 *
 * @param queueName                the work queue the state machine's {@code .waitForTaskToken} task writes to
 * @param deadLetterQueueName      where SQS moves messages received {@code maxReceiveCount} times
 * @param maxReceiveCount          receives before a message goes to the dead-letter queue
 * @param visibilityTimeoutSeconds the work queue's default visibility timeout
 * @param stateMachineName         name of the STANDARD state machine
 * @param definition               ASL template file, relative to the working directory
 * @param roleArn                  execution role of the state machine (and of the other samples')
 * @param mapMaxConcurrency        substituted for {@code ${MapMaxConcurrency}} in every template
 * @param heartbeatSeconds         substituted for {@code ${HeartbeatSeconds}}
 * @param timeoutSeconds           substituted for {@code ${TimeoutSeconds}} in every template
 * @param activityWorkflow         the sample activity workflow; empty with {@code bridge.activity.provision=false}
 * @param s3Sample                 the payload bucket and the S3 sample; empty without {@code bridge.payload.bucket}
 *                                 or with {@code bridge.payload.provision=false}
 */
public record ProvisionSettings(String queueName, String deadLetterQueueName, int maxReceiveCount,
                                int visibilityTimeoutSeconds, String stateMachineName, Path definition,
                                String roleArn, int mapMaxConcurrency, int heartbeatSeconds, int timeoutSeconds,
                                Optional<ActivityWorkflow> activityWorkflow, Optional<S3Sample> s3Sample) {

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

    /**
     * The payload bucket, where the runtime stores payloads past Step Functions' 256 KiB, with a rule that expires
     * them; and the sample workflow whose Distributed Map reads its orders from that bucket and writes its results
     * there. Its Task state is the queue sample's, on the same work queue.
     *
     * @param bucket           the bucket, created unless it exists
     * @param keyPrefix        where the runtime's payloads go; the expiry rule covers exactly this prefix
     * @param expiryDays       days after which objects under {@code keyPrefix} are deleted
     * @param sampleItems      how many orders the uploaded sample holds
     * @param stateMachineName name of its STANDARD state machine
     * @param definition       its ASL template file, relative to the working directory
     */
    public record S3Sample(String bucket, String keyPrefix, int expiryDays, int sampleItems,
                           String stateMachineName, Path definition) {

        /** Where provisioning uploads the sample orders; outside {@code keyPrefix}. */
        static final String SAMPLES_PREFIX = "samples/";
        /** S3's rule for bucket names, checked here so the message can name the key. */
        private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

        public String itemsKey() {
            return SAMPLES_PREFIX + "orders-" + sampleItems + ".json";
        }

        /**
         * Every key but the bucket has a default: the payload keys are shared with the runtime's offload, so a
         * configuration file that only names the bucket provisions the sample too, unless bridge.payload.provision is
         * false.
         */
        static Optional<S3Sample> fromConfig(Keys keys) {
            Optional<String> bucket = keys.present("bridge.payload.bucket");
            if (bucket.isEmpty() || !keys.flag("bridge.payload.provision", true)) {
                return Optional.empty();
            }
            if (!BUCKET_NAME.matcher(bucket.get()).matches()) {
                throw new ProvisioningException("bridge.payload.bucket '" + bucket.get() + "' is not a valid S3 bucket "
                                                + "name (3-63 lower-case letters, digits, dots and hyphens)");
            }
            // Blank is refused too: a rule on the empty prefix would expire every object in the bucket.
            String keyPrefix = keys.config().apply("bridge.payload.key-prefix").map(String::strip).orElse("offload/");
            if (SAMPLES_PREFIX.startsWith(keyPrefix) || keyPrefix.startsWith(SAMPLES_PREFIX)) {
                throw new ProvisioningException("bridge.payload.key-prefix '" + keyPrefix + "' would let its expiry "
                                                + "rule delete the sample orders under " + SAMPLES_PREFIX
                                                + "; use a prefix of its own, such as offload/");
            }
            return Optional.of(new S3Sample(bucket.get(), keyPrefix,
                    keys.positive("bridge.payload.expiry-days", 30),
                    keys.positive("bridge.payload.sample-items", 2000),
                    keys.text("bridge.s3sample.statemachine.name", "order-enrichment-s3"),
                    Path.of(keys.text("bridge.s3sample.statemachine.definition",
                            "statemachines/order-enrichment-s3.asl.json"))));
        }
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
                activityWorkflow(keys),
                S3Sample.fromConfig(keys));
    }

    /** The activity keys are read only when the sample is provisioned, so without it they may be left out. */
    private static Optional<ActivityWorkflow> activityWorkflow(Keys keys) {
        if (!keys.flag("bridge.activity.provision", false)) {
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
            return present(key).orElseThrow(() -> new ProvisioningException(key + " is not set"));
        }

        /** A key that configuration files of earlier versions lack: absent or blank reads as {@code otherwise}. */
        String text(String key, String otherwise) {
            return present(key).orElse(otherwise);
        }

        int positive(String key) {
            return positive(key, text(key));
        }

        int positive(String key, int otherwise) {
            return present(key).map(value -> positive(key, value)).orElse(otherwise);
        }

        /** A true/false key; absent (a configuration file of an earlier version) reads as {@code otherwise}. */
        boolean flag(String key, boolean otherwise) {
            String value = config.apply(key).map(String::strip).orElse(Boolean.toString(otherwise));
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(value);
            }
            throw new ProvisioningException(key + " must be true or false, not '" + value + "'");
        }

        Optional<String> present(String key) {
            return config.apply(key).map(String::strip).filter(value -> !value.isEmpty());
        }

        private static int positive(String key, String value) {
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
