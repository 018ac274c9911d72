package io.sfntaskbridge.aws;

import java.net.URI;
import java.time.Duration;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * The one place where AWS region and endpoint are decided. Every SDK client of the runtime is built here, and the
 * Camel aws2-* components and {@code sfn-task} pick those clients up by autowiring, so no route repeats them.
 * Credentials are deliberately absent: the SDK's default provider chain supplies them.
 *
 * @param region          AWS region, e.g. {@code eu-west-1}
 * @param endpoint        optional endpoint override (e.g. {@code http://localhost:4566}); blank means real AWS
 * @param maxConnections  HTTP connection pool size per client; must cover consumers plus heartbeats
 * @param apiCallTimeout  upper bound on one SDK call including retries and rate-limit waits
 * @param sfnRateLimiter  client-side rate limit on SendTask* and StartExecution, shared by every client built here
 * @param retry           how throttled and failed calls are retried
 */
public record AwsSettings(String region, String endpoint, int maxConnections, Duration apiCallTimeout,
        SfnRateLimiter sfnRateLimiter, Retry retry) {

    /**
     * The SDK's standard retry strategy, made explicit: {@code maxAttempts} per call (the first included); throttling
     * errors such as Step Functions' {@code ThrottlingException} back off exponentially with full jitter from
     * {@code throttlingBaseDelay} up to {@code maxBackoff}, other retryable errors from the SDK's 100 ms base.
     */
    public record Retry(int maxAttempts, Duration throttlingBaseDelay, Duration maxBackoff) {

        public Retry {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("bridge.aws.retry.max-attempts must be at least 1, was " + maxAttempts);
            }
        }

        RetryStrategy strategy() {
            return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                    .maxAttempts(maxAttempts)
                    .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(throttlingBaseDelay, maxBackoff))
                    .build();
        }
    }

    public AwsSettings {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("bridge.aws.region is not set");
        }
        endpoint = endpoint == null ? "" : endpoint.strip();
        if (!endpoint.isEmpty()) {
            URI uri = URI.create(endpoint);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("bridge.aws.endpoint is not an absolute URL: " + endpoint);
            }
        }
    }

    /**
     * These settings with another endpoint for one service's client, e.g. an SQS VPC endpoint; blank keeps the shared
     * one. The rate limiter stays shared.
     */
    public AwsSettings withServiceEndpoint(String serviceEndpoint) {
        if (serviceEndpoint == null || serviceEndpoint.isBlank()) {
            return this;
        }
        return new AwsSettings(region, serviceEndpoint, maxConnections, apiCallTimeout, sfnRateLimiter, retry);
    }

    public boolean hasEndpointOverride() {
        return !endpoint.isEmpty();
    }

    public String describeEndpoint() {
        return hasEndpointOverride() ? endpoint : "AWS default for " + region;
    }

    /** Applies region, endpoint and HTTP settings to any SDK v2 client builder. */
    public <B extends AwsClientBuilder<B, C>, C> C build(B builder) {
        builder.region(Region.of(region)).overrideConfiguration(overrideConfiguration());
        if (hasEndpointOverride()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(ApacheHttpClient.builder().maxConnections(maxConnections));
        }
        return builder.build();
    }

    /** Timeout, retry strategy and rate limiter of every client; the rate limiter only acts on Step Functions calls. */
    public ClientOverrideConfiguration overrideConfiguration() {
        return ClientOverrideConfiguration.builder()
                .apiCallTimeout(apiCallTimeout)
                .retryStrategy(retry.strategy())
                .addExecutionInterceptor(sfnRateLimiter)
                .build();
    }
}
