package io.sfntaskbridge.app;

import io.sfntaskbridge.provision.ProvisionSummary;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code bridge.provision.on-startup=true}, provisions before any route starts, so the worker never polls a
 * queue that does not exist yet. A failure stops startup like any other startup problem.
 */
final class ProvisionOnStartup extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ProvisionOnStartup.class);

    @Override
    public void beforeStart(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        boolean enabled = context.getPropertiesComponent().resolveProperty("bridge.provision.on-startup")
                .map(Boolean::parseBoolean).orElse(false);
        if (enabled) {
            ProvisionSummary summary = Provisioning.run(context);
            summary.lines().forEach(line -> LOG.info("Provisioned {}", line));
            Provisioning.arnMismatch(context, summary).ifPresent(LOG::warn);
        }
    }
}
