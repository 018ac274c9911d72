package io.sfntaskbridge.payload;

import java.util.Optional;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds {@code payloadOffload} from the {@code bridge.payload.*} keys, with S3 through camel-aws2-s3 as its store and
 * the registry's one {@link PayloadEvents} (the runtime's metrics) as its listener, and logs one line saying where
 * payloads go.
 */
public class PayloadConfiguration implements CamelConfiguration, CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(PayloadConfiguration.class);

    private CamelContext camelContext;
    // camel-main may call a @BindToRegistry method twice: built once.
    private PayloadOffload offload;

    @BindToRegistry("payloadOffload")
    public synchronized PayloadOffload payloadOffload() {
        if (offload == null) {
            PropertiesComponent properties = camelContext.getPropertiesComponent();
            offload = new PayloadOffload();
            offload.setBucket(properties.resolveProperty("bridge.payload.bucket").orElse(""));
            offload.setKeyPrefix(properties.resolveProperty("bridge.payload.key-prefix").orElse("offload/"));
            offload.setThresholdBytes(properties.resolveProperty("bridge.payload.offload-threshold-bytes")
                    .map(String::strip).map(Integer::parseInt).orElse(PayloadOffload.DEFAULT_THRESHOLD_BYTES));
            offload.setStore(new CamelS3PayloadStore(camelContext));
        }
        return offload;
    }

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        PayloadOffload payloads = payloadOffload();
        payloads.setEvents(new RegistryEvents(camelContext));
        if (payloads.getThresholdBytes() < 1 || payloads.getThresholdBytes() > PayloadOffload.STEP_FUNCTIONS_LIMIT) {
            throw new IllegalArgumentException("bridge.payload.offload-threshold-bytes must be 1 to "
                    + PayloadOffload.STEP_FUNCTIONS_LIMIT + ", was " + payloads.getThresholdBytes());
        }
        if (payloads.isEnabled()) {
            LOG.info("Payload offload: answers over {} bytes and execution inputs over {} go to s3://{}/{} as pointers",
                    payloads.getThresholdBytes(), PayloadOffload.STEP_FUNCTIONS_LIMIT, payloads.getBucket(),
                    payloads.getKeyPrefix());
            // After the start, so that provisioning on startup has created the bucket.
            camelContext.addStartupListener(new ExtendedStartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                    bucketWarning(payloads).ifPresent(LOG::warn);
                }
            });
        }
    }

    /** The one line an operator needs when payloads cannot be stored; empty when they can. */
    static Optional<String> bucketWarning(PayloadOffload payloads) {
        return payloads.getStore().bucketProblem(payloads.getBucket()).map(problem -> "Payload bucket s3://"
                + payloads.getBucket() + " (bridge.payload.bucket) " + problem + ": until that is fixed, answers over "
                + payloads.getThresholdBytes() + " bytes fail with " + PayloadException.STORE_FAILED
                + " and execution inputs over " + PayloadOffload.STEP_FUNCTIONS_LIMIT + " bytes cannot start");
    }

    /** The registry's one PayloadEvents (the metrics), looked up at the first event, when every bean is bound. */
    private static final class RegistryEvents implements PayloadEvents {
        private final CamelContext camelContext;
        private volatile PayloadEvents found;

        RegistryEvents(CamelContext camelContext) {
            this.camelContext = camelContext;
        }

        private PayloadEvents events() {
            PayloadEvents events = found;
            if (events == null) {
                events = camelContext.getRegistry().findSingleByType(PayloadEvents.class);
                found = events = events == null ? NONE : events;
            }
            return events;
        }

        @Override
        public void offloaded(String routeId, String kind, long bytes) {
            events().offloaded(routeId, kind, bytes);
        }

        @Override
        public void resolved(String routeId, long bytes) {
            events().resolved(routeId, bytes);
        }
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
