package io.sfntaskbridge.worker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's side of its workers. It sets the shutdown strategy that drains every worker on every stop
 * ({@link DrainingShutdownStrategy}); it makes the {@code bridge.worker.*} keys the defaults of every {@code sfn-task}
 * worker endpoint (as {@code camel.component.sfn-task.*} options, with the lowest precedence, so those options set
 * themselves, and a route's URI parameters, win); and it keeps the keys of the bean chain the workers replaced working
 * for one release, with one WARN line each naming what to set instead.
 */
public class WorkerConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerConfiguration.class);
    private static final String COMPONENT = "camel.component.sfn-task.";
    private static final String BACKOFF = "bridge.worker.receive-error-backoff-millis";

    /** {@code bridge.worker.*} key and the endpoint option it is the default of. */
    static final Map<String, String> DEFAULTS = defaults();

    /** Keys that are gone, and what to set instead. */
    static final Map<String, String> RETIRED = Map.of(
            "bridge.worker.poll-delay-millis", "nothing: a receive long-polls for waitTimeSeconds"
                                               + " (bridge.worker.wait-time-seconds) and none waits after it",
            "bridge.worker.poll-error-backoff-polls", BACKOFF + " (option receiveErrorBackoffMillis); until then this"
                                                      + " value times bridge.worker.poll-delay-millis (20) applies",
            "bridge.management.worker-route-id", "nothing: every route that consumes from sfn-task:queue or"
                                                 + " sfn-task:activity is a worker, watched by health and metrics");

    @PropertyInject(value = "camel.main.shutdown-timeout", defaultValue = "5")
    private int shutdownTimeoutSeconds;

    private boolean configured;

    private static Map<String, String> defaults() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("bridge.worker.concurrency", "concurrent-consumers");
        keys.put("bridge.worker.waiting-room", "waiting-room");
        keys.put("bridge.worker.global-concurrency", "global-concurrency");
        keys.put("bridge.worker.max-messages-per-poll", "max-messages-per-poll");
        keys.put("bridge.worker.wait-time-seconds", "wait-time-seconds");
        keys.put("bridge.worker.visibility-timeout-seconds", "visibility-timeout");
        keys.put("bridge.worker.heartbeat-interval-seconds", "heartbeat-interval-seconds");
        keys.put("bridge.worker.keep-alive-enabled", "keep-alive");
        keys.put("bridge.worker.retry-delay-seconds", "retry-delay-seconds");
        keys.put("bridge.worker.drain-timeout-seconds", "drain-timeout-seconds");
        keys.put("bridge.worker.dlq-name", "dlq-name");
        keys.put("bridge.worker.task-log-level", "task-log-level");
        keys.put("bridge.worker.sqs-retry-attempts", "sqs-retry-attempts");
        keys.put(BACKOFF, "receive-error-backoff-millis");
        keys.put("bridge.worker.in-flight-log-interval-seconds", "in-flight-log-interval-seconds");
        return keys;
    }

    @Override
    public synchronized void configure(CamelContext camelContext) {
        // camel-main may call configure twice for one class; one strategy, one warning per key.
        if (configured) {
            return;
        }
        configured = true;
        // camel-main does not take a ShutdownStrategy from the registry; set here, before the context starts.
        camelContext.setShutdownStrategy(new DrainingShutdownStrategy(camelContext, shutdownTimeoutSeconds));
        PropertiesComponent properties = camelContext.getPropertiesComponent();
        RETIRED.forEach((key, instead) -> properties.resolveProperty(key).filter(value -> !value.isBlank())
                .ifPresent(value -> LOG.warn("{} is no longer used by the sfn-task workers; set {}", key, instead)));
        // Before camel-main binds the camel.component.* options (it reads these initial properties too).
        DEFAULTS.forEach((key, option) -> valueOf(properties, key).filter(value -> !value.isEmpty())
                .ifPresent(value -> properties.addInitialProperty(COMPONENT + option, value)));
    }

    private static Optional<String> valueOf(PropertiesComponent properties, String key) {
        Optional<String> value = properties.resolveProperty(key).map(String::strip);
        if (value.isEmpty() && key.equals(BACKOFF)) {
            return properties.resolveProperty("bridge.worker.poll-error-backoff-polls").map(polls -> Long.toString(
                    Long.parseLong(polls.strip()) * properties.resolveProperty("bridge.worker.poll-delay-millis")
                            .map(delay -> Long.parseLong(delay.strip())).orElse(20L)));
        }
        return value;
    }
}
