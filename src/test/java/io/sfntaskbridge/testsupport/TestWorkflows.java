package io.sfntaskbridge.testsupport;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import io.sfntaskbridge.provision.ProvisionSettings;
import io.sfntaskbridge.provision.ProvisionSettings.S3Sample;

/** Provisioning settings for the sample workflow under names no other test uses. */
public final class TestWorkflows {

    public static final Path ORDER_ENRICHMENT = Path.of("statemachines/order-enrichment.asl.json");
    public static final Path ORDER_ENRICHMENT_S3 = Path.of("statemachines/order-enrichment-s3.asl.json");
    public static final String ROLE_ARN = "arn:aws:iam::000000000000:role/sfn-task-bridge-test";

    private TestWorkflows() {
    }

    public static ProvisionSettings orderEnrichment(String prefix, int mapMaxConcurrency) {
        String name = LocalStack.uniqueName(prefix);
        return new ProvisionSettings(name + "-work", name + "-dlq", 3, 45, name, ORDER_ENRICHMENT, ROLE_ARN,
                mapMaxConcurrency, 60, 900, Optional.empty(), Optional.empty());
    }

    /**
     * {@code base} plus the payload bucket and the S3 sample, both named after its state machine (the bucket in lower
     * case, as S3 wants it), with the runtime's prefix {@code offload/}.
     */
    public static ProvisionSettings withS3Sample(ProvisionSettings base, int expiryDays, int sampleItems) {
        return new ProvisionSettings(base.queueName(), base.deadLetterQueueName(), base.maxReceiveCount(),
                base.visibilityTimeoutSeconds(), base.stateMachineName(), base.definition(), base.roleArn(),
                base.mapMaxConcurrency(), base.heartbeatSeconds(), base.timeoutSeconds(), base.activityWorkflow(),
                Optional.of(new S3Sample(base.stateMachineName().toLowerCase(Locale.ROOT), "offload/", expiryDays,
                        sampleItems, base.stateMachineName() + "-s3", ORDER_ENRICHMENT_S3)));
    }
}
