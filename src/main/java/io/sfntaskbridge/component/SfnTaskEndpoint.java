package io.sfntaskbridge.component;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.sfntaskbridge.component.client.SfnClientFactory;
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
 * Answer AWS Step Functions task tokens with SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "sfn-task", title = "Step Functions Task Token",
             syntax = "sfn-task:action", producerOnly = true,
             category = { Category.CLOUD, Category.SERVERLESS, Category.WORKFLOW },
             headersClass = SfnTaskConstants.class)
public class SfnTaskEndpoint extends DefaultEndpoint implements EndpointServiceLocation {

    @UriParam
    private final SfnTaskConfiguration configuration;

    private final Map<SfnTaskOutcome, AtomicLong> outcomeCounts = new EnumMap<>(SfnTaskOutcome.class);
    private SfnClient sfnClient;
    private boolean ownsClient;
    private ErrorNameMapper errorNameMapper;

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
        return new SfnTaskProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("The sfn-task component can only send, not consume");
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        errorNameMapper = ErrorNameMapper.parse(configuration.getErrorMapping());
        ownsClient = configuration.getSfnClient() == null;
        sfnClient = ownsClient ? SfnClientFactory.create(configuration) : configuration.getSfnClient();
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

    /** How many exchanges this endpoint has completed with {@code outcome} since it was created. */
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
