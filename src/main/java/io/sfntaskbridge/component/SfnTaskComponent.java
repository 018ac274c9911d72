package io.sfntaskbridge.component;

import java.util.Map;

import io.sfntaskbridge.task.FaultLog;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

/**
 * Step Functions task tokens from end to end: workers that take tasks from an SQS work queue
 * ({@code sfn-task:queue:<name>}) or a Step Functions activity ({@code sfn-task:activity:<name>}) and answer each with
 * the route's result, and producers that answer the task of an exchange ({@code sfn-task:success},
 * {@code sfn-task:failure}, {@code sfn-task:heartbeat}).
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
        int colon = remaining.indexOf(':');
        String action = colon < 0 ? remaining : remaining.substring(0, colon);
        String name = colon < 0 ? null : remaining.substring(colon + 1).strip();
        if ("claim".equalsIgnoreCase(action.strip())) {
            throw new IllegalArgumentException("sfn-task:claim is gone: the workers (sfn-task:queue:<name>,"
                                               + " sfn-task:activity:<name>) claim every task in the ledger themselves");
        }
        endpointConfiguration.setAction(SfnTaskAction.fromPath(action));
        if (endpointConfiguration.getAction().isWorker() && (name == null || name.isEmpty())) {
            throw new IllegalArgumentException("sfn-task:" + action + " needs a name: sfn-task:" + action + ":<"
                                               + (action.equals("queue") ? "queue name or URL" : "activity name or ARN")
                                               + ">");
        }
        if (!endpointConfiguration.getAction().isWorker() && name != null) {
            throw new IllegalArgumentException("sfn-task:" + action + " takes no name (it answers the exchange's task),"
                                               + " got '" + name + "'");
        }
        endpointConfiguration.setName(name);
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
