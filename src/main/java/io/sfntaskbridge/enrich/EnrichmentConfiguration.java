package io.sfntaskbridge.enrich;

import java.util.Locale;
import java.util.concurrent.ExecutorService;

import javax.sql.DataSource;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.PropertyInject;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.ThreadPoolProfile;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Binds what the enrichment routes ({@code routes/enrich-order.camel.yaml} and the lookups it calls) reference by
 * name, from the {@code bridge.enrich.*} keys of {@code config/application.properties}.
 */
public class EnrichmentConfiguration implements CamelConfiguration, CamelContextAware {

    static final String DEFAULT_DB_URL = "jdbc:h2:mem:customers;DB_CLOSE_DELAY=-1;"
                                         + "INIT=RUNSCRIPT FROM 'samples/db/schema.sql'\\;RUNSCRIPT FROM 'samples/db/seed.sql'";

    private CamelContext camelContext;

    // Defaults as in config/application.properties, so a trimmed-down configuration file still starts.
    @PropertyInject(value = "bridge.enrich.pricing.max-concurrency", defaultValue = "4")
    private int pricingMaxConcurrency;
    @PropertyInject(value = "bridge.enrich.partial-failure", defaultValue = "fail")
    private String partialFailure;
    @PropertyInject(value = "bridge.enrich.db.url", defaultValue = DEFAULT_DB_URL)
    private String dbUrl;

    /**
     * Runs the pricing calls of every task in this JVM: its size is the cap on calls in flight to the pricing
     * service, whatever the queue's concurrency. Its queue must never fill: Camel's pools run a rejected task on the
     * caller's thread, past the cap (and a queue size of -1 means no queue at all, so every busy moment rejects).
     * Owned by Camel's executor manager, so it stops with the context.
     */
    @BindToRegistry("pricingCalls")
    public synchronized ExecutorService pricingCalls() {
        // Built once: camel-main may call this method twice (see WorkerConfiguration), and a second pool would leak.
        if (pricingCalls == null) {
            ThreadPoolProfile profile = new ThreadPoolProfileBuilder("PricingCalls").poolSize(pricingMaxConcurrency)
                    .maxPoolSize(pricingMaxConcurrency).maxQueueSize(Integer.MAX_VALUE).build();
            pricingCalls = camelContext.getExecutorServiceManager().newThreadPool(this, "PricingCalls", profile);
        }
        return pricingCalls;
    }

    private ExecutorService pricingCalls;

    @BindToRegistry("orderedLines")
    public OrderedLinesAggregation orderedLines() {
        return new OrderedLinesAggregation();
    }

    @BindToRegistry("enrichedOrders")
    public EnrichedOrderAssembler enrichedOrders() {
        EnrichedOrderAssembler assembler = new EnrichedOrderAssembler();
        assembler.setPartialFailure(PartialFailurePolicy.valueOf(partialFailure.trim().toUpperCase(Locale.ROOT)));
        return assembler;
    }

    /**
     * The customer database. A connection per query is enough here: customer-lookup caches what it reads. The JDBC
     * driver is found by URL among the drivers on the classpath (H2 ships with the runtime).
     */
    @BindToRegistry("customerDataSource")
    public DataSource customerDataSource() {
        // Resolved here, not injected: an empty password is a value, but an empty default means "required" to Camel.
        PropertiesComponent properties = camelContext.getPropertiesComponent();
        return new DriverManagerDataSource(dbUrl, properties.resolveProperty("bridge.enrich.db.user").orElse("sa"),
                properties.resolveProperty("bridge.enrich.db.password").orElse(""));
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
