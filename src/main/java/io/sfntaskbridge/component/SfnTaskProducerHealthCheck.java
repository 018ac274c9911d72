package io.sfntaskbridge.component;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Readiness of an {@code sfn-task} producer: Step Functions answers a cheap read-only call with the endpoint's client
 * and credentials.
 */
public class SfnTaskProducerHealthCheck extends AbstractHealthCheck {

    private final SfnTaskEndpoint endpoint;

    public SfnTaskProducerHealthCheck(SfnTaskEndpoint endpoint, String endpointId) {
        super("camel", "producer:sfn-task-" + endpointId);
        this.endpoint = endpoint;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            endpoint.getSfnClient().listActivities(request -> request.maxResults(1));
        } catch (AwsServiceException e) {
            builder.message(e.getMessage()).error(e).detail(SERVICE_STATUS_CODE, e.statusCode());
            if (e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null) {
                builder.detail(SERVICE_ERROR_CODE, e.awsErrorDetails().errorCode());
            }
            builder.down();
            return;
        } catch (RuntimeException e) {
            builder.error(e).down();
            return;
        }
        builder.up();
    }
}
