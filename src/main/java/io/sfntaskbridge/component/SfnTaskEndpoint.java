package io.sfntaskbridge.component;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.sfntaskbridge.aws.AwsRetry;
import io.sfntaskbridge.component.client.SfnClientFactory;
import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.task.TaskEvents;
import io.sfntaskbridge.worker.TaskAnswers;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Work AWS Step Functions tasks from an SQS work queue or an activity, under a hard cap, and answer each with the
 * route's result; or answer a task with SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "sfn-task", title = "Step Functions Task Token",
             syntax = "sfn-task:action:name", category = { Category.CLOUD, Category.SERVERLESS, Category.WORKFLOW },
             headersClass = SfnTaskConstants.class)
public class SfnTaskEndpoint extends DefaultEndpoint implements EndpointServiceLocation {

    @UriParam
    private final SfnTaskConfiguration configuration;

    private final Map<SfnTaskOutcome, AtomicLong> outcomeCounts = new EnumMap<>(SfnTaskOutcome.class);
    private SfnClient sfnClient;
    private boolean ownsClient;
    private ErrorNameMapper errorNameMapper;
    private TaskAnswers answers;

    public SfnTaskEndpoint(String uri, SfnTaskComponent component, SfnTaskConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
        for (SfnTaskOutcome outcome : SfnTaskOutcome.values()) {
            outcomeCounts.put(outcome, new AtomicLong());
        }
    }

    @Override
    public SfnTaskComponent getComponent() {
        return (SfnTaskComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        if (configuration.getAction().isWorker()) {
            throw new IllegalArgumentException("sfn-task:" + configuration.getAction() + " is a worker: use it in from(),"
                                               + " and sfn-task:success, failure or heartbeat to answer a task");
        }
        return new SfnTaskProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (!configuration.getAction().isWorker()) {
            throw new IllegalArgumentException("sfn-task:" + configuration.getAction() + " only answers tasks; consume"
                                               + " with sfn-task:queue:<name> or sfn-task:activity:<name>");
        }
        SfnTaskConsumer consumer = new SfnTaskConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        errorNameMapper = ErrorNameMapper.parse(configuration.getErrorMapping());
        ownsClient = configuration.getSfnClient() == null;
        sfnClient = ownsClient ? SfnClientFactory.create(configuration) : configuration.getSfnClient();
        answers = new TaskAnswers(sfnClient, new AwsRetry(configuration.getRetryAttempts(),
                Duration.ofMillis(configuration.getRetryInitialDelayMillis()),
                Duration.ofMillis(configuration.getRetryMaxDelayMillis()), getComponent().faultLog(), events()),
                configuration.getLedger());
    }

    @Override
    protected void doStop() throws Exception {
        if (ownsClient && sfnClient != null) {
            sfnClient.close();
        }
        sfnClient = null;
        super.doStop();
    }

    public SfnTaskConfiguration getConfiguration() {
        return configuration;
    }

    /** The client in use while the endpoint is started: the configured one or one it built. */
    public SfnClient getSfnClient() {
        return sfnClient;
    }

    ErrorNameMapper getErrorNameMapper() {
        return errorNameMapper;
    }

    /** Stores, sends and closes answers, with this endpoint's client, retries and ledger. */
    TaskAnswers answers() {
        return answers;
    }

    /** The listener of this endpoint's events (option events), or none. */
    TaskEvents events() {
        return TaskEvents.orNone(configuration.getEvents());
    }

    /** How many tasks this endpoint has answered or settled with {@code outcome} since it was created. */
    public long getOutcomeCount(SfnTaskOutcome outcome) {
        return outcomeCounts.get(outcome).get();
    }

    void countOutcome(SfnTaskOutcome outcome) {
        outcomeCounts.get(outcome).incrementAndGet();
    }

    @Override
    public String getServiceUrl() {
        if (configuration.isOverrideEndpoint() && configuration.getUriEndpointOverride() != null) {
            return configuration.getUriEndpointOverride();
        }
        return configuration.getRegion();
    }

    @Override
    public String getServiceProtocol() {
        return "step-functions";
    }
}
