package io.sfntaskbridge.ops;

import io.sfntaskbridge.task.TaskEvents;

import java.time.Duration;

import javax.sql.DataSource;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sfntaskbridge.ops.health.LedgerReadinessCheck;
import io.sfntaskbridge.ops.health.RouteReloadCheck;
import io.sfntaskbridge.reload.RouteReloads;
import io.sfntaskbridge.ops.health.WorkerReadinessCheck;
import io.sfntaskbridge.ops.metrics.BridgeMetrics;
import io.sfntaskbridge.ops.metrics.PayloadMetrics;
import io.sfntaskbridge.ops.metrics.QueueSampler;
import io.sfntaskbridge.ops.metrics.ReloadMetrics;
import io.sfntaskbridge.ops.status.StatusPage;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.micrometer.MicrometerConstants;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Metrics and health of the runtime, served by camel-main's management server ({@code camel.management.*}, port
 * {@code bridge.management.port}): binds the Prometheus meter registry that camel-micrometer-prometheus scrapes at
 * {@code /observe/metrics} (so Camel's own route metrics and ours are one page), {@code bridgeMetrics} (the
 * {@link io.sfntaskbridge.task.TaskEvents} the sfn-task component and the worker tell), {@code reloadMetrics},
 * {@code payloadMetrics} (S3 offloads and resolutions),
 * the queue sampler of the workers' queues, and the readiness checks served at {@code /observe/health/ready}.
 */
public class OpsConfiguration implements CamelConfiguration, CamelContextAware {

    @PropertyInject(value = "bridge.management.queue-sample-seconds", defaultValue = "30")
    private int queueSampleSeconds;
    @PropertyInject(value = "bridge.management.dlq-peek", defaultValue = "true")
    private boolean dlqPeek;
    @PropertyInject(value = "bridge.management.status-page-enabled", defaultValue = "true")
    private boolean statusPageEnabled;

    private CamelContext camelContext;
    // camel-main may call each @BindToRegistry method twice (see WorkerConfiguration): everything is built once.
    private PrometheusMeterRegistry meterRegistry;
    private BridgeMetrics metrics;
    private ReloadMetrics reloadMetrics;
    private PayloadMetrics payloadMetrics;
    private QueueSampler sampler;
    private boolean statusPageInstalled;

    /** The one meter registry; camel-micrometer-prometheus finds it under this name and does not make its own. */
    @BindToRegistry(MicrometerConstants.METRICS_REGISTRY_NAME)
    public synchronized PrometheusMeterRegistry metricsRegistry() {
        if (meterRegistry == null) {
            Object bound = camelContext.getRegistry().lookupByName(MicrometerConstants.METRICS_REGISTRY_NAME);
            meterRegistry = bound instanceof PrometheusMeterRegistry prometheus ? prometheus
                    : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        }
        return meterRegistry;
    }

    @BindToRegistry("bridgeMetrics")
    public synchronized BridgeMetrics bridgeMetrics() {
        if (metrics == null) {
            metrics = new BridgeMetrics(metricsRegistry());
        }
        return metrics;
    }

    @BindToRegistry(ReloadMetrics.BEAN_NAME)
    public synchronized ReloadMetrics reloadMetrics() {
        if (reloadMetrics == null) {
            reloadMetrics = new ReloadMetrics(metricsRegistry());
        }
        return reloadMetrics;
    }

    @BindToRegistry(PayloadMetrics.BEAN_NAME)
    public synchronized PayloadMetrics payloadMetrics() {
        if (payloadMetrics == null) {
            payloadMetrics = new PayloadMetrics(metricsRegistry());
        }
        return payloadMetrics;
    }

    @BindToRegistry(WorkerReadinessCheck.ID)
    public WorkerReadinessCheck workerReadinessCheck() {
        return new WorkerReadinessCheck(() -> WorkerView.of(camelContext));
    }

    @BindToRegistry(RouteReloadCheck.ID)
    public RouteReloadCheck routeReloadCheck() {
        return new RouteReloadCheck(() -> camelContext.getRegistry().lookupByNameAndType("routeReloads",
                RouteReloads.class));
    }

    @BindToRegistry(LedgerReadinessCheck.ID)
    public LedgerReadinessCheck ledgerReadinessCheck() {
        return new LedgerReadinessCheck(
                () -> camelContext.getRegistry().lookupByNameAndType("ledgerDataSource", DataSource.class));
    }

    /** The queue sampler, a service of the context: it samples while the context runs. */
    @Override
    public void configure(CamelContext camelContext) throws Exception {
        if (queueSampleSeconds > 0 && sampler == null) {
            sampler = new QueueSampler(camelContext, () -> camelContext.getRegistry().findSingleByType(SqsClient.class),
                    () -> WorkerView.of(camelContext), bridgeMetrics(), Duration.ofSeconds(queueSampleSeconds), dlqPeek);
            camelContext.addService(sampler);
        }
        // The live status page (/observe/status on the management port), see ops.status.StatusPage.
        if (statusPageEnabled && !statusPageInstalled) {
            StatusPage.install(camelContext, bridgeMetrics());
            statusPageInstalled = true;
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
