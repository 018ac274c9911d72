package io.sfntaskbridge.app;

import io.sfntaskbridge.aws.AwsClientsConfiguration;

import io.sfntaskbridge.reload.OneLineFailure;
import java.io.PrintStream;
import java.nio.file.Path;

import io.sfntaskbridge.provision.ProvisionSummary;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;

/**
 * {@code sfn-task-bridge provision}: creates or updates the queues, the state machines and (with a payload bucket) the
 * bucket and the S3 sample, creates the task ledger's table unless it exists, prints what it did and exits. The
 * configuration file and its environment overrides are read by Camel's properties component, and the clients come
 * from {@link AwsClientsConfiguration}, exactly as for the runtime; but no route is loaded, so nothing consumes
 * messages or listens on a port.
 */
final class ProvisionCommand {

    static final String NAME = "provision";

    private ProvisionCommand() {
    }

    static int run(Path config, PrintStream out, PrintStream err) {
        try (CamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setLocation("file:" + config);
            PluginHelper.getBeanPostProcessor(context)
                    .postProcessBeforeInitialization(new AwsClientsConfiguration(), "awsClientsConfiguration");
            ProvisionSummary summary = Provisioning.run(context);
            summary.lines().forEach(out::println);
            out.println(Provisioning.ledger(context));
            Provisioning.arnMismatch(context, summary).ifPresent(warning -> err.println("warning: " + warning));
            return 0;
        } catch (Exception e) {
            err.println("sfn-task-bridge: provision failed: " + OneLineFailure.describe(e));
            return BridgeMain.EXIT_STARTUP_FAILED;
        }
    }
}
