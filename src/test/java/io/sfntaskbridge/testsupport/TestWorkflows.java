package io.sfntaskbridge.testsupport;

import java.nio.file.Path;
import java.util.Optional;

import io.sfntaskbridge.provision.ProvisionSettings;

/** Provisioning settings for the sample workflow under names no other test uses. */
public final class TestWorkflows {

    public static final Path ORDER_ENRICHMENT = Path.of("statemachines/order-enrichment.asl.json");
    public static final String ROLE_ARN = "arn:aws:iam::000000000000:role/sfn-task-bridge-test";

    private TestWorkflows() {
    }

    public static ProvisionSettings orderEnrichment(String prefix, int mapMaxConcurrency) {
        String name = LocalStack.uniqueName(prefix);
        return new ProvisionSettings(name + "-work", name + "-dlq", 3, 45, name, ORDER_ENRICHMENT, ROLE_ARN,
                mapMaxConcurrency, 60, 900, Optional.empty());
    }
}
