package io.sfntaskbridge.reload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds {@code routeReloads} (what the reloader did) and, with {@code bridge.routes.reload-enabled}, starts a
 * {@link RouteReloader} on the folder of {@code camel.main.routes-include-pattern} (one {@code file:} pattern such as
 * {@code file:routes/*.yaml}).
 */
public class ReloadConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadConfiguration.class);
    private static final Pattern FILE_PATTERN = Pattern.compile("file:(.+)/([^/]+)");

    @PropertyInject(value = "bridge.routes.reload-enabled", defaultValue = "true")
    private boolean enabled;
    @PropertyInject(value = "bridge.routes.reload-quiet-millis", defaultValue = "1000")
    private long quietMillis;
    @PropertyInject(value = "camel.main.routes-include-pattern", defaultValue = "file:routes/*.yaml")
    private String includePattern;
    @PropertyInject(value = "camel.main.routes-reload-enabled", defaultValue = "false")
    private boolean camelReloadEnabled;
    @PropertyInject(value = "bridge.worker.drain-timeout-seconds", defaultValue = "20")
    private long drainTimeoutSeconds;
    @PropertyInject(value = "camel.main.shutdown-timeout", defaultValue = "5")
    private long shutdownTimeoutSeconds;

    private final RouteReloads reloads = new RouteReloads();
    private boolean started;

    @BindToRegistry("routeReloads")
    public RouteReloads routeReloads() {
        return reloads;
    }

    @Override
    public synchronized void configure(CamelContext camelContext) throws Exception {
        // camel-main may call configure twice (see WorkerConfiguration); one watcher.
        if (!enabled || started) {
            return;
        }
        Matcher single = FILE_PATTERN.matcher(includePattern.strip());
        if (camelReloadEnabled || includePattern.contains(",") || !single.matches()
            || !Files.isDirectory(Path.of(single.group(1)))) {
            LOG.info("Live route edits are off: they need one file: pattern in camel.main.routes-include-pattern"
                     + " (is '{}') and camel.main.routes-reload-enabled=false", includePattern);
            return;
        }
        camelContext.addService(new RouteReloader(camelContext, Path.of(single.group(1)), single.group(2),
                Duration.ofMillis(quietMillis), drainTimeoutSeconds + shutdownTimeoutSeconds, reloads,
                OneLineFailure::describe));
        started = true;
    }
}
