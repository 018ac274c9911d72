package io.sfntaskbridge.worker;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.sfntaskbridge.component.AwsRetry;
import io.sfntaskbridge.component.FaultLog;
import io.sfntaskbridge.component.TaskEvents;
import io.sfntaskbridge.component.TaskLedger;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.ShutdownStrategy;
import org.apache.camel.support.CamelContextHelper;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Binds the beans that worker routes reference by name: {@code concurrencyGate}, {@code taskEnvelope},
 * {@code taskKeepAlive} and {@code taskMessages}, and the shutdown strategy that drains the worker on every stop.
 * Their settings are the {@code bridge.worker.*} keys of {@code config/application.properties}.
 */
public class WorkerConfiguration implements CamelConfiguration, CamelContextAware {

    // Camel reads an empty defaultValue as "required": this one stands for "not set" (see unset()).
    private static final String UNSET = "<unset>";

    /** Computed: bridge.worker.concurrency + bridge.worker.waiting-room, the worker consumer's concurrentConsumers. */
    public static final String RECEIVERS = "bridge.worker.receivers";

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
    @PropertyInject(value = "bridge.worker.waiting-room", defaultValue = "0")
    private int waitingRoom;
    @PropertyInject(value = "bridge.worker.max-messages-per-poll", defaultValue = "1")
    private int maxMessagesPerPoll;
    @PropertyInject(value = "bridge.worker.in-flight-log-interval-seconds", defaultValue = "60")
    private int inFlightLogIntervalSeconds;
    @PropertyInject(value = "bridge.worker.drain-timeout-seconds", defaultValue = "20")
    private int drainTimeoutSeconds;
    @PropertyInject(value = "camel.main.shutdown-timeout", defaultValue = "5")
    private int shutdownTimeoutSeconds;
    @PropertyInject(value = "bridge.worker.dlq-name", defaultValue = UNSET)
    private String dlqName;
    @PropertyInject(value = "bridge.worker.sqs-retry-attempts", defaultValue = "6")
    private int sqsRetryAttempts;
    @PropertyInject(value = "bridge.ledger.lease-seconds", defaultValue = "30")
    private int leaseSeconds;

    // camel-main post-processes a configuration class found both in the registry and in its own list twice, which
    // calls each @BindToRegistry method twice: the gate (with its report) and the strategy are built once and reused.
    private ConcurrencyGate gate;
    private ShutdownStrategy shutdownStrategy;
    private TaskDrain drain;

    @BindToRegistry("concurrencyGate")
    public synchronized ConcurrencyGate concurrencyGate() {
        if (gate == null) {
            gate = newConcurrencyGate();
        }
        return gate;
    }

    private ConcurrencyGate newConcurrencyGate() {
        if (maxMessagesPerPoll > concurrency + waitingRoom) {
            // Refused here, at startup, rather than by every poll of the consumer: see ConcurrencyGate.
            throw new IllegalArgumentException("bridge.worker.max-messages-per-poll (" + maxMessagesPerPoll
                                               + ") must not exceed bridge.worker.concurrency (" + concurrency
                                               + ") plus bridge.worker.waiting-room (" + waitingRoom + ")");
        }
        TaskPermits permits = new TaskPermits(concurrency + waitingRoom);
        if (inFlightLogIntervalSeconds > 0) {
            camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "InFlightReport")
                    .scheduleWithFixedDelay(new InFlightReport(permits), inFlightLogIntervalSeconds,
                            inFlightLogIntervalSeconds, TimeUnit.SECONDS);
        }
        return new ConcurrencyGate(permits, waitingRoom);
    }

    @BindToRegistry("taskEnvelope")
    public TaskEnvelope taskEnvelope() {
        return new TaskEnvelope();
    }

    // Lazy: created on first use, after the AWS clients of every configuration class are bound.
    @BindToRegistry(value = "taskMessages", lazy = true)
    public TaskMessages taskMessages() {
        return new TaskMessages(CamelContextHelper.findSingleByType(camelContext, SqsClient.class),
                new AwsRetry(sqsRetryAttempts, Duration.ofMillis(500), Duration.ofSeconds(5),
                        new FaultLog(LoggerFactory.getLogger(TaskMessages.class)), TaskEvents.lookup(camelContext)),
                unset(dlqName));
    }

    @BindToRegistry(value = "taskKeepAlive", lazy = true)
    public TaskKeepAlive taskKeepAlive() {
        return new TaskKeepAlive(
                // Owned by Camel's executor manager, so it is shut down with the context. Three jobs per task in
                // flight, each a call that may block, so one slow call must not hold up the other tasks' heartbeats.
                camelContext.getExecutorServiceManager().newScheduledThreadPool(this, "TaskKeepAlive", 2 * concurrency),
                CamelContextHelper.findSingleByType(camelContext, SfnClient.class),
                camelContext.getRegistry().lookupByNameAndType("taskMessages", TaskMessages.class),
                camelContext.getRegistry().findSingleByType(TaskLedger.class),
                new TaskKeepAlive.Settings(keepAliveEnabled, heartbeatIntervalSeconds, visibilityTimeoutSeconds,
                        retryDelaySeconds, Math.max(1, leaseSeconds / 3)),
                TaskEvents.lookup(camelContext));
    }

    /** The context's shutdown strategy (set in {@link #configure}): the drain, then Camel's stop. */
    private synchronized ShutdownStrategy drainingShutdownStrategy() {
        if (shutdownStrategy == null) {
            shutdownStrategy = new DrainingShutdownStrategy(camelContext, taskDrain(), shutdownTimeoutSeconds);
        }
        return shutdownStrategy;
    }

    /** The drain of every stop; bound so that readiness can tell while it runs. */
    @BindToRegistry("taskDrain")
    public synchronized TaskDrain taskDrain() {
        if (drain == null) {
            if (drainTimeoutSeconds < 0) {
                throw new IllegalArgumentException("bridge.worker.drain-timeout-seconds must be 0 or more, was "
                                                   + drainTimeoutSeconds);
            }
            drain = new TaskDrain(camelContext, Duration.ofSeconds(drainTimeoutSeconds));
        }
        return drain;
    }

    /** The worker route's polling threads: one per task that may be received, working or waiting. */
    @Override
    public void configure(CamelContext camelContext) {
        if (waitingRoom < 0) {
            throw new IllegalArgumentException("bridge.worker.waiting-room must be 0 or more, was " + waitingRoom);
        }
        camelContext.getPropertiesComponent().addInitialProperty(RECEIVERS, Integer.toString(concurrency + waitingRoom));
        // camel-main does not take a ShutdownStrategy from the registry; set here, before the context starts.
        camelContext.setShutdownStrategy(drainingShutdownStrategy());
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    private static String unset(String value) {
        return value == null || UNSET.equals(value) ? "" : value;
    }
}
