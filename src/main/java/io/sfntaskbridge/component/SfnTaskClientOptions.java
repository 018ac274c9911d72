package io.sfntaskbridge.component;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The options of every {@code sfn-task} endpoint about its Step Functions client: a given one, or the region and
 * endpoint of one the endpoint builds itself.
 */
@UriParams
public class SfnTaskClientOptions {

    @UriParam(label = "advanced")
    @Metadata(autowired = true)
    private SfnClient sfnClient;
    @UriParam
    private String region;
    @UriParam(defaultValue = "false")
    private boolean overrideEndpoint;
    @UriParam
    private String uriEndpointOverride;

    public SfnClient getSfnClient() {
        return sfnClient;
    }

    /**
     * The Step Functions client to use. When a single SfnClient is in the registry it is used; when none is given the
     * endpoint builds its own client with the default AWS credentials provider chain, and closes it when stopped.
     */
    public void setSfnClient(SfnClient sfnClient) {
        this.sfnClient = sfnClient;
    }

    public String getRegion() {
        return region;
    }

    /**
     * The AWS region, such as eu-west-1, of a client the endpoint builds itself. When empty the SDK's default region
     * provider chain decides. Ignored when an SfnClient is given.
     */
    public void setRegion(String region) {
        this.region = region;
    }

    public boolean isOverrideEndpoint() {
        return overrideEndpoint;
    }

    /**
     * Whether a client the endpoint builds itself sends its calls to uriEndpointOverride instead of the regional AWS
     * endpoint. Ignored when an SfnClient is given.
     */
    public void setOverrideEndpoint(boolean overrideEndpoint) {
        this.overrideEndpoint = overrideEndpoint;
    }

    public String getUriEndpointOverride() {
        return uriEndpointOverride;
    }

    /**
     * The endpoint URI, such as http://localhost:4566, used instead of the AWS endpoint when overrideEndpoint is true.
     */
    public void setUriEndpointOverride(String uriEndpointOverride) {
        this.uriEndpointOverride = uriEndpointOverride;
    }
}
