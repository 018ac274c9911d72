package io.sfntaskbridge.component.client;

import java.net.URI;

import io.sfntaskbridge.component.SfnTaskConfiguration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.SfnClientBuilder;

/**
 * Builds the SfnClient an endpoint uses when none was configured. Credentials come from the default AWS provider
 * chain only: static keys in URIs end up in logs and route dumps.
 */
public final class SfnClientFactory {

    private SfnClientFactory() {
    }

    public static SfnClient create(SfnTaskConfiguration configuration) {
        SfnClientBuilder builder = SfnClient.builder()
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(ApacheHttpClient.builder());
        if (configuration.getRegion() != null && !configuration.getRegion().isBlank()) {
            builder.region(Region.of(configuration.getRegion()));
        }
        if (configuration.isOverrideEndpoint() && configuration.getUriEndpointOverride() != null) {
            builder.endpointOverride(URI.create(configuration.getUriEndpointOverride()));
        }
        return builder.build();
    }
}
