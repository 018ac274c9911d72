package io.sfntaskbridge.ops;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfntaskbridge.ops.metrics.PayloadMetrics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PayloadMetrics metrics = new PayloadMetrics(registry);

    private double count(String name, String routeId, String kind) {
        var search = registry.find("sfn.bridge." + name).tag("routeId", routeId);
        return (kind == null ? search : search.tag("kind", kind)).counter().count();
    }

    @Test
    void offloadsAndResolutionsAreCountedWithTheirBytesPerRouteAndKind() {
        metrics.offloaded("erp-worker", "output", 300_000);
        metrics.offloaded("erp-worker", "output", 200_001);
        metrics.offloaded("start-execution", "execution-input", 1_048_576);
        metrics.resolved("erp-worker", 4096);

        assertThat(count("payload.offloads", "erp-worker", "output")).isEqualTo(2);
        assertThat(count("payload.offloaded.bytes", "erp-worker", "output")).isEqualTo(500_001);
        assertThat(count("payload.offloads", "start-execution", "execution-input")).isEqualTo(1);
        assertThat(count("payload.offloaded.bytes", "start-execution", "execution-input")).isEqualTo(1_048_576);
        assertThat(count("payload.resolutions", "erp-worker", null)).isEqualTo(1);
        assertThat(count("payload.resolved.bytes", "erp-worker", null)).isEqualTo(4096);
    }
}
