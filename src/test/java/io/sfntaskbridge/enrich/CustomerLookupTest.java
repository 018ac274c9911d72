package io.sfntaskbridge.enrich;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * routes/customer-lookup.camel.yaml on the repo's configuration: a customer read once is served from the Caffeine
 * cache, even after the database lost it, until bridge.enrich.customer.cache-ttl-seconds have passed.
 */
class CustomerLookupTest extends CamelMainTestSupport {

    private static final int TTL_SECONDS = 2;

    @Override
    protected String getPropertyPlaceholderLocations() {
        return "file:config/application.properties";
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("camel.main.routes-include-pattern", "file:routes/customer-lookup.camel.yaml");
        properties.put("bridge.enrich.customer.cache-ttl-seconds", Integer.toString(TTL_SECONDS));
        // A database of this test's own, so removing a customer cannot disturb other tests.
        properties.put("bridge.enrich.db.url", "jdbc:h2:mem:customer-lookup-test;DB_CLOSE_DELAY=-1;"
                                               + "INIT=RUNSCRIPT FROM 'samples/db/schema.sql'");
        return properties;
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addConfiguration(EnrichmentConfiguration.class);
    }

    @Test
    void customerIsCachedUntilItsTimeToLiveRunsOut() throws Exception {
        execute("INSERT INTO customers VALUES ('C-900', 'Cached Corp', 'GOLD', 10.00)");
        assertThat(lookup("C-900")).containsEntry("tier", "GOLD");

        execute("DELETE FROM customers WHERE customer_id = 'C-900'");
        assertThat(lookup("C-900")).as("served from the cache").containsEntry("name", "Cached Corp");

        await().atMost(Duration.ofSeconds(TTL_SECONDS * 5L)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThatThrownBy(() -> lookup("C-900"))
                        .isInstanceOf(CamelExecutionException.class)
                        .hasRootCauseMessage("unknown customer C-900"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> lookup(String customerId) {
        return template.requestBody("direct:customer-lookup", Map.of("customerId", customerId), Map.class);
    }

    private void execute(String sql) throws SQLException {
        DataSource dataSource = context.getRegistry().lookupByNameAndType("customerDataSource", DataSource.class);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
