package io.sfntaskbridge.app;

import java.util.Optional;

import io.sfntaskbridge.ledger.LedgerSettings;
import io.sfntaskbridge.provision.ProvisionSettings;
import io.sfntaskbridge.provision.ProvisionSummary;
import io.sfntaskbridge.provision.Provisioner;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PluginHelper;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Runs the {@link Provisioner} with a Camel context's configuration and AWS clients, which is what both the
 * {@code provision} command and {@code bridge.provision.on-startup} do.
 */
final class Provisioning {

    private Provisioning() {
    }

    static ProvisionSummary run(CamelContext context) {
        return new Provisioner(context.getRegistry().findSingleByType(SqsClient.class),
                context.getRegistry().findSingleByType(SfnClient.class),
                context.getRegistry().findSingleByType(S3Client.class))
                .provision(ProvisionSettings.fromConfig(context.getPropertiesComponent()::resolveProperty));
    }

    /** Creates the task ledger's table unless it exists (bridge.ledger.*) and returns its summary line. */
    static String ledger(CamelContext context) throws Exception {
        LedgerSettings settings = new LedgerSettings();
        PluginHelper.getBeanPostProcessor(context).postProcessBeforeInitialization(settings, "ledgerSettings");
        return settings.provisionSchema();
    }

    /** The starters use the configured ARN; say so when it is not the machine just provisioned. */
    static Optional<String> arnMismatch(CamelContext context, ProvisionSummary summary) {
        return context.getPropertiesComponent().resolveProperty("bridge.statemachine.arn")
                .filter(configured -> !configured.equals(summary.stateMachineArn()))
                .map(configured -> "bridge.statemachine.arn is " + configured + ", so executions start there, not on "
                                   + "the state machine provisioned here");
    }
}
