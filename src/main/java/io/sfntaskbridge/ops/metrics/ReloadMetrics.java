package io.sfntaskbridge.ops.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts route reloads, for the code that reloads routes: bound in the registry as {@value #BEAN_NAME}. Call
 * {@link #reloadApplied()} after a reload took effect and {@link #reloadRefused(String)} when an edit was refused (the
 * running routes stayed as they were).
 */
public class ReloadMetrics {

    /** The registry name of the one instance the runtime binds. */
    public static final String BEAN_NAME = "reloadMetrics";

    private final MeterRegistry registry;
    private final Counter applied;
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();

    public ReloadMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.applied = Counter.builder(BridgeMetrics.PREFIX + "route.reloads.applied")
                .description("Route reloads that took effect").register(registry);
    }

    public void reloadApplied() {
        applied.increment();
    }

    /** @param file the route file whose edit was refused, as the log names it (e.g. {@code enrich-order.camel.yaml}) */
    public void reloadRefused(String file) {
        String tag = file == null || file.isBlank() ? "unknown" : file;
        refused.computeIfAbsent(tag, f -> Counter.builder(BridgeMetrics.PREFIX + "route.reloads.refused").tag("file", f)
                .description("Route edits refused (invalid); the running routes stayed as they were")
                .register(registry)).increment();
    }
}
