package io.sfntaskbridge.app;

import io.sfntaskbridge.aws.AwsSettings;

import io.sfntaskbridge.reload.OneLineFailure;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Tells the operator what this process is wired to, and refuses to start against an AWS endpoint it cannot reach:
 * a worker that starts "fine" and then fails every poll hides the real problem in a flood of consumer errors.
 */
final class StartupReport extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(StartupReport.class);

    private final Path config;

    StartupReport(Path config) {
        this.config = config;
    }

    @Override
    public void beforeStart(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        AwsSettings aws = context.getRegistry().findSingleByType(AwsSettings.class);
        LOG.info("Config file: {}", config.toAbsolutePath().normalize());
        LOG.info("Route files: {}", main.configure().getRoutesIncludePattern());
        LOG.info("AWS region: {}, endpoint: {}, credentials: default provider chain", aws.region(),
                aws.describeEndpoint());
        LOG.info("Step Functions rate limits: {}; retries: {}", aws.sfnRateLimiter(), aws.retry());
        LOG.info("Stop: tasks get {} s to finish (bridge.worker.drain-timeout-seconds), then Camel waits {} s"
                 + " (camel.main.shutdown-timeout): give a supervisor more than their sum", property(context,
                "bridge.worker.drain-timeout-seconds", "20"), main.configure().getShutdownTimeout());
        if (main.configure().isRoutesReloadEnabled()) {
            LOG.warn("Route reload is enabled; Camel documents it for development only");
        }
        checkReachable(context.getRegistry().findSingleByType(SqsClient.class), aws);
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        Map<String, TreeSet<String>> routesByFile = new TreeMap<>();
        for (Route route : main.getCamelContext().getRoutes()) {
            String source = route.getSourceResource() != null ? route.getSourceResource().getLocation() : "Java DSL";
            routesByFile.computeIfAbsent(source, s -> new TreeSet<>()).add(route.getRouteId());
        }
        routesByFile.forEach((file, routes) -> LOG.info("Loaded {} -> routes {}", file, routes));
    }

    private static String property(CamelContext context, String key, String fallback) {
        return context.getPropertiesComponent().resolveProperty(key).orElse(fallback);
    }

    private static void checkReachable(SqsClient sqs, AwsSettings aws) {
        try {
            sqs.listQueues(request -> request.maxResults(1));
        } catch (RuntimeException e) {
            throw new IllegalStateException("AWS endpoint " + aws.describeEndpoint() + " (region " + aws.region()
                                            + ") is not usable: " + OneLineFailure.describe(e), e);
        }
    }
}
