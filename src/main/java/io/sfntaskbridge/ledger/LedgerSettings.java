package io.sfntaskbridge.ledger;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sfntaskbridge.task.InstanceName;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.PropertyInject;

/**
 * The {@code bridge.ledger.*} keys and what follows from them: the JDBC URL, the pool, this instance's id. Apart from
 * {@link LedgerConfiguration} so that {@code provision} can read them without binding (and so checking) the ledger.
 */
public class LedgerSettings implements CamelContextAware {

    protected CamelContext camelContext;
    @PropertyInject(value = "bridge.ledger.dir", defaultValue = "work/ledger")
    protected String dir;
    @PropertyInject(value = "bridge.ledger.table", defaultValue = "sfn_task_ledger")
    protected String table;
    @PropertyInject(value = "bridge.ledger.pool-size", defaultValue = "10")
    protected int poolSize;
    @PropertyInject(value = "bridge.ledger.lease-seconds", defaultValue = "30")
    protected int leaseSeconds;
    @PropertyInject(value = "bridge.ledger.retention-days", defaultValue = "14")
    protected int retentionDays;
    @PropertyInject(value = "bridge.ledger.create-schema", defaultValue = "true")
    protected boolean createSchema;

    /**
     * For {@code provision}: creates the table unless it exists, checks it, and returns its summary line; on
     * PostgreSQL also the slot table of the caps across instances (a second line). Opens and closes its own pool.
     */
    public String provisionSchema() {
        try (HikariDataSource provisioning = newDataSource()) {
            LedgerSchema schema = new LedgerSchema(provisioning, table);
            boolean created = schema.createIfAbsent();
            schema.verify();
            String summary = String.format("%-17s %-7s %s  %s", "task ledger", created ? "created" : "exists", table,
                    LedgerSchema.redact(jdbcUrl()));
            if (jdbcUrl().startsWith("jdbc:postgresql:")) {
                String slots = JdbcTaskSlots.tableOf(table);
                boolean remade = JdbcTaskSlots.createTableIfAbsent(provisioning, slots);
                summary += String.format("%n%-17s %-7s %s  for globalConcurrency", "concurrency slots",
                        remade ? "remade" : "ready", slots);
            }
            return summary;
        }
    }

    HikariDataSource newDataSource() {
        return pool(jdbcUrl(), optional("bridge.ledger.user"), optional("bridge.ledger.password"), poolSize);
    }

    /** The ledger's pool, with the timeouts that make an unreachable database fail fast. */
    public static HikariDataSource pool(String jdbcUrl, String user, String password, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("TaskLedger");
        config.setJdbcUrl(jdbcUrl);
        if (user != null && !user.isBlank()) {
            config.setUsername(user);
        }
        if (password != null && !password.isBlank()) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(size);
        // An outage fails ledger calls (and with them the delivery, which goes back to the queue) within 3 s.
        config.setConnectionTimeout(3000);
        // No connection in the constructor, where a failure is logged with a stack trace: LedgerSchema.verify, at
        // startup, takes the first one and fails within connectionTimeout with one line naming the cause.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /** Blank URL: the embedded H2 file database in bridge.ledger.dir, made absolute because H2 refuses bare paths. */
    String jdbcUrl() {
        String url = optional("bridge.ledger.url");
        if (url.isEmpty()) {
            // WRITE_DELAY=0: each commit is on disk before the next step, so a claim or a stored answer survives a kill
            // (by default H2 writes up to a second later).
            return "jdbc:h2:file:" + Path.of(dir).toAbsolutePath().normalize().resolve("task-ledger") + ";WRITE_DELAY=0";
        }
        return url;
    }

    String instanceId() {
        String configured = optional("bridge.ledger.instance-id");
        return configured.isEmpty() ? InstanceName.of() : configured;
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
