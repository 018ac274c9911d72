package io.sfntaskbridge.ops.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sfntaskbridge.reload.ReloadListener;

/**
 * Counts route reloads: bound in the registry as {@value #BEAN_NAME}, where the route reloader finds it as a
 * {@link ReloadListener}.
 */
public class ReloadMetrics implements ReloadListener {

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

    @Override
    public void reloadApplied(List<String> files) {
        applied.increment();
    }

    /** Counted per edited file, named as the log names it (e.g. {@code file:routes/enrich-order.camel.yaml}). */
    @Override
    public void reloadRefused(List<String> files) {
        files.forEach(this::reloadRefused);
    }

    private void reloadRefused(String file) {
        String tag = file == null || file.isBlank() ? "unknown" : file;
        refused.computeIfAbsent(tag, f -> Counter.builder(BridgeMetrics.PREFIX + "route.reloads.refused").tag("file", f)
                .description("Route edits refused (invalid); the running routes stayed as they were")
                .register(registry)).increment();
    }
}
