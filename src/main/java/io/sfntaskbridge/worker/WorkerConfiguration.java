package io.sfntaskbridge.worker;

import java.util.concurrent.TimeUnit;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.PropertyInject;
import org.apache.camel.support.CamelContextHelper;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Binds the beans that worker routes reference by name: {@code concurrencyGate}, {@code taskEnvelope} and
 * {@code taskKeepAlive}. Their settings are the {@code bridge.worker.*} keys of {@code config/application.properties}.
 */
public class WorkerConfiguration implements CamelConfiguration, CamelContextAware {

    private CamelContext camelContext;

    @PropertyInject(value = "bridge.worker.keep-alive-enabled", defaultValue = "true")
    private boolean keepAliveEnabled;
    @PropertyInject(value = "bridge.worker.heartbeat-interval-seconds", defaultValue = "20")
    private int heartbeatIntervalSeconds;
    @PropertyInject(value = "bridge.worker.visibility-timeout-seconds", defaultValue = "60")
    private int visibilityTimeoutSeconds;
    @PropertyInject(value = "bridge.worker.retry-delay-seconds", defaultValue = "5")
    private int retryDelaySeconds;
    @PropertyInject(value = "bridge.worker.concurrency", defaultValue = "5")
    private int concurrency;
    @PropertyInject(value = "bridge.worker.max-messages-per-poll", defaultValue = "1")
    private int maxMessagesPerPoll;
    @PropertyInject(value = "bridge.worker.in-flight-log-interval-seconds", defaultValue = "60")
    private int inFlightLogIntervalSeconds;

    @BindToRegistry("concurrencyGate")
    public ConcurrencyGate concurrencyGate() {
        if (maxMessagesPerPoll > concurrency) {
            // Refused here, at startup, rather than by every poll of the consumer: see ConcurrencyGate.
            throw new IllegalArgumentException("bridge.worker.max-messages-per-poll (" + maxMessagesPerPoll
                                               + ") must not exceed bridge.worker.concurrency (" + concurrency + ")");
        }
        TaskPermits permits = new TaskPermits(concurrency);
        if (inFlightLogIntervalSeconds > 0) {
            camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "InFlightReport")
                    .scheduleWithFixedDelay(new InFlightReport(permits), inFlightLogIntervalSeconds,
                            inFlightLogIntervalSeconds, TimeUnit.SECONDS);
        }
        return new ConcurrencyGate(permits);
    }

    @BindToRegistry("taskEnvelope")
    public TaskEnvelope taskEnvelope() {
        return new TaskEnvelope();
    }

    // Lazy: created on first use, after the AWS clients of every configuration class are bound.
    @BindToRegistry(value = "taskKeepAlive", lazy = true)
    public TaskKeepAlive taskKeepAlive() {
        return new TaskKeepAlive(
                // Owned by Camel's executor manager, so it is shut down with the context. Two jobs per task in flight,
                // each an SDK call that may block, so one slow call must not hold up the other tasks' heartbeats.
                camelContext.getExecutorServiceManager().newScheduledThreadPool(this, "TaskKeepAlive", 2 * concurrency),
                CamelContextHelper.findSingleByType(camelContext, SfnClient.class),
                CamelContextHelper.findSingleByType(camelContext, SqsClient.class),
                new TaskKeepAlive.Settings(keepAliveEnabled, heartbeatIntervalSeconds, visibilityTimeoutSeconds,
                        retryDelaySeconds));
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
