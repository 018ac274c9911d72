package io.sfntaskbridge.component;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

/**
 * Answers AWS Step Functions task tokens: {@code sfn-task:success}, {@code sfn-task:failure} and
 * {@code sfn-task:heartbeat}.
 */
@Component("sfn-task")
public class SfnTaskComponent extends HealthCheckComponent {

    @Metadata
    private SfnTaskConfiguration configuration = new SfnTaskConfiguration();
    private final FaultLog faultLog = new FaultLog(org.slf4j.LoggerFactory.getLogger(SfnTaskProducer.class));

    public SfnTaskComponent() {
        this(null);
    }

    public SfnTaskComponent(CamelContext context) {
        super(context);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SfnTaskConfiguration endpointConfiguration = configuration.copy();
        endpointConfiguration.setAction(SfnTaskAction.fromPath(remaining));
        SfnTaskEndpoint endpoint = new SfnTaskEndpoint(uri, this, endpointConfiguration);
        setProperties(endpoint, parameters);
        // Fail while resolving the URI rather than on the first failed task.
        ErrorNameMapper.parse(endpointConfiguration.getErrorMapping());
        return endpoint;
    }

    public SfnTaskConfiguration getConfiguration() {
        return configuration;
    }

    /** Failures of answer calls, shared by every endpoint, so an outage logs one line per kind of call. */
    FaultLog faultLog() {
        return faultLog;
    }

    /**
     * The configuration every endpoint of this component starts from.
     */
    public void setConfiguration(SfnTaskConfiguration configuration) {
        this.configuration = configuration;
    }
}
