package io.sfntaskbridge.aws;

import java.time.Duration;

import io.sfntaskbridge.task.TaskEvents;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.PropertyInject;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Binds the runtime's AWS clients. Exactly one client of each type is in the registry, which is what lets
 * {@code aws2-sqs}, {@code aws2-step-functions}, {@code aws2-s3} and {@code sfn-task} autowire them.
 */
public class AwsClientsConfiguration implements CamelConfiguration, CamelContextAware {

    private CamelContext camelContext;
    @PropertyInject("bridge.aws.region")
    private String region;
    @PropertyInject(value = "bridge.aws.max-connections", defaultValue = "64")
    private int maxConnections;
    @PropertyInject(value = "bridge.aws.api-call-timeout-seconds", defaultValue = "30")
    private int apiCallTimeoutSeconds;

    @PropertyInject(value = "bridge.aws.sfn-rate-limit.send-task-per-second", defaultValue = "250")
    private double sendTaskPerSecond;
    @PropertyInject(value = "bridge.aws.sfn-rate-limit.send-task-burst", defaultValue = "250")
    private int sendTaskBurst;
    @PropertyInject(value = "bridge.aws.sfn-rate-limit.start-execution-per-second", defaultValue = "100")
    private double startExecutionPerSecond;
    @PropertyInject(value = "bridge.aws.sfn-rate-limit.start-execution-burst", defaultValue = "100")
    private int startExecutionBurst;
    @PropertyInject(value = "bridge.aws.retry.max-attempts", defaultValue = "5")
    private int maxAttempts;
    @PropertyInject(value = "bridge.aws.retry.throttling-base-delay-millis", defaultValue = "500")
    private int throttlingBaseDelayMillis;
    @PropertyInject(value = "bridge.aws.retry.max-backoff-seconds", defaultValue = "20")
    private int maxBackoffSeconds;

    private AwsSettings settings;

    /** Built once: the rate limiter's buckets must be shared by every client, or each would get its own budget. */
    @BindToRegistry("awsSettings")
    public synchronized AwsSettings awsSettings() {
        if (settings == null) {
            settings = new AwsSettings(region, optional("bridge.aws.endpoint"), maxConnections, Duration.ofSeconds(apiCallTimeoutSeconds),
                    new SfnRateLimiter(SfnRateLimiter.Limit.of("send-task", sendTaskPerSecond, sendTaskBurst),
                            SfnRateLimiter.Limit.of("start-execution", startExecutionPerSecond, startExecutionBurst)),
                    new AwsSettings.Retry(maxAttempts, Duration.ofMillis(throttlingBaseDelayMillis),
                            Duration.ofSeconds(maxBackoffSeconds)));
        }
        return settings;
    }

    /** The rate limiter reports its waits to the metrics, bound by then. */
    @Override
    public void configure(CamelContext camelContext) {
        awsSettings().sfnRateLimiter().reportTo(TaskEvents.lookup(camelContext));
    }

    @BindToRegistry(value = "sqsClient", destroyMethod = "close")
    public SqsClient sqsClient() {
        return awsSettings().withServiceEndpoint(optional("bridge.aws.sqs-endpoint")).build(SqsClient.builder());
    }

    @BindToRegistry(value = "sfnClient", destroyMethod = "close")
    public SfnClient sfnClient() {
        return awsSettings().withServiceEndpoint(optional("bridge.aws.sfn-endpoint")).build(SfnClient.builder());
    }

    @BindToRegistry(value = "s3Client", destroyMethod = "close")
    public S3Client s3Client() {
        AwsSettings s3 = awsSettings().withServiceEndpoint(optional("bridge.aws.s3-endpoint"));
        // Behind an endpoint override (LocalStack, a proxy) the bucket goes in the path, not in the host name.
        return s3.build(S3Client.builder().forcePathStyle(s3.hasEndpointOverride()));
    }

    /** A key that may be absent or blank (then ""), with placeholders and environment overrides applied. */
    private String optional(String key) {
        return camelContext.getPropertiesComponent().resolveProperty(key).map(String::strip).orElse("");
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
