package io.sfntaskbridge.ops.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sfntaskbridge.payload.PayloadEvents;

/**
 * Counts payloads stored in and read from S3, and their bytes: {@code sfn_bridge_payload_offloads_total} and
 * {@code sfn_bridge_payload_offloaded_bytes_total} ({@code routeId}, {@code kind} = output or execution-input),
 * {@code sfn_bridge_payload_resolutions_total} and {@code sfn_bridge_payload_resolved_bytes_total} ({@code routeId}).
 * Bound as {@value #BEAN_NAME}, where the payload offload finds it.
 */
public class PayloadMetrics implements PayloadEvents {

    /** The registry name of the one instance the runtime binds. */
    public static final String BEAN_NAME = "payloadMetrics";

    private final MeterRegistry registry;

    public PayloadMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void offloaded(String routeId, String kind, long bytes) {
        counter("payload.offloads", "Payloads stored in S3 and passed on as a pointer", routeId, kind).increment();
        counter("payload.offloaded.bytes", "Bytes of the payloads stored in S3", routeId, kind).increment(bytes);
    }

    @Override
    public void resolved(String routeId, long bytes) {
        counter("payload.resolutions", "Pointer inputs read from S3 before the work", routeId, null).increment();
        counter("payload.resolved.bytes", "Bytes of the pointer inputs read from S3", routeId, null).increment(bytes);
    }

    // Micrometer keeps one counter per name and tags: registering again returns it.
    private Counter counter(String name, String description, String routeId, String kind) {
        Counter.Builder builder = Counter.builder(BridgeMetrics.PREFIX + name).description(description)
                .tag("routeId", routeId == null ? BridgeMetrics.NO_ROUTE : routeId);
        if (kind != null) {
            builder.tag("kind", kind);
        }
        return builder.register(registry);
    }
}
