package io.sfntaskbridge.component;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriPath;
import org.apache.camel.spi.UriParams;

/**
 * Options of an {@code sfn-task} endpoint: its path ({@code action} and, for a worker, {@code name}), the worker
 * options of {@link SfnTaskWorkerOptions} and the answer options of {@link SfnTaskAnswerOptions}. The component holds
 * one instance as a template and copies it for each endpoint.
 */
@UriParams
public class SfnTaskConfiguration extends SfnTaskQueueOptions implements Cloneable {

    @UriPath
    @Metadata(required = true)
    private SfnTaskAction action;
    @UriPath
    private String name;

    public SfnTaskAction getAction() {
        return action;
    }

    /**
     * What the endpoint does. Workers consume: queue (the tasks of an SQS work queue) and activity (the tasks of a
     * Step Functions activity); the route's result answers each task. Producers answer the task of the exchange:
     * success (SendTaskSuccess with the body as output), failure (SendTaskFailure) or heartbeat (SendTaskHeartbeat).
     */
    public void setAction(SfnTaskAction action) {
        this.action = action;
    }

    public String getName() {
        return name;
    }

    /**
     * For queue: the SQS queue's name or URL; for activity: the activity's name or ARN. Not used by the producers.
     */
    public void setName(String name) {
        this.name = name;
    }

    public SfnTaskConfiguration copy() {
        try {
            return (SfnTaskConfiguration) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
