package io.sfntaskbridge.app;

import java.time.Duration;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Binds the runtime's AWS clients. Exactly one client of each type is in the registry, which is what lets
 * {@code aws2-sqs}, {@code aws2-step-functions} and {@code sfn-task} autowire them.
 */
public class AwsClientsConfiguration implements CamelConfiguration {

    @PropertyInject("bridge.aws.region")
    private String region;
    @PropertyInject(value = "bridge.aws.endpoint", defaultValue = "")
    private String endpoint;
    @PropertyInject(value = "bridge.aws.max-connections", defaultValue = "64")
    private int maxConnections;
    @PropertyInject(value = "bridge.aws.api-call-timeout-seconds", defaultValue = "30")
    private int apiCallTimeoutSeconds;

    @BindToRegistry("awsSettings")
    public AwsSettings awsSettings() {
        return new AwsSettings(region, endpoint, maxConnections, Duration.ofSeconds(apiCallTimeoutSeconds));
    }

    @BindToRegistry(value = "sqsClient", destroyMethod = "close")
    public SqsClient sqsClient() {
        return awsSettings().build(SqsClient.builder());
    }

    @BindToRegistry(value = "sfnClient", destroyMethod = "close")
    public SfnClient sfnClient() {
        return awsSettings().build(SfnClient.builder());
    }
}
