package io.sfntaskbridge.ledger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.PropertyInject;

/**
 * The {@code bridge.ledger.*} keys and what follows from them: the JDBC URL, the pool, this instance's id. Apart from
 * {@link LedgerConfiguration} so that {@code provision} can read them without binding (and so checking) the ledger.
 */
public class LedgerSettings {

    /** Camel takes an empty or blank defaultValue for none, and fails when the key is absent; this reads as blank. */
    private static final String BLANK = "<unset>";

    @PropertyInject(value = "bridge.ledger.dir", defaultValue = "work/ledger")
    protected String dir;
    @PropertyInject(value = "bridge.ledger.url", defaultValue = BLANK)
    protected String url;
    @PropertyInject(value = "bridge.ledger.user", defaultValue = BLANK)
    protected String user;
    @PropertyInject(value = "bridge.ledger.password", defaultValue = BLANK)
    protected String password;
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
    @PropertyInject(value = "bridge.ledger.instance-id", defaultValue = BLANK)
    protected String instanceId;
    @PropertyInject(value = "bridge.worker.global-concurrency", defaultValue = "0")
    protected int globalConcurrency;

    /**
     * For {@code provision}: creates the table unless it exists, checks it, and returns its summary line; with
     * bridge.worker.global-concurrency set, the slot table too (a second line). Opens and closes its own pool.
     */
    public String provisionSchema() {
        try (HikariDataSource provisioning = newDataSource()) {
            LedgerSchema schema = new LedgerSchema(provisioning, table);
            boolean created = schema.createIfAbsent();
            schema.verify();
            String summary = String.format("%-17s %-7s %s  %s", "task ledger", created ? "created" : "exists", table,
                    LedgerSchema.redact(jdbcUrl()));
            if (globalConcurrency > 0) {
                JdbcTaskSlots slots = new JdbcTaskSlots(provisioning, table, "provision", globalConcurrency,
                        Duration.ofSeconds(leaseSeconds), Clock.systemUTC());
                slots.createTableIfAbsent();
                slots.fitCapacity();
                summary += String.format("%n%-17s %-7s %s  %d slots", "concurrency slots", "ready", slots.table(),
                        globalConcurrency);
            }
            return summary;
        }
    }

    HikariDataSource newDataSource() {
        return pool(jdbcUrl(), blankIfUnset(user), blankIfUnset(password), poolSize);
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
        if (blankIfUnset(url).isBlank()) {
            // WRITE_DELAY=0: each commit is on disk before the next step, so a claim or a stored answer survives a kill
            // (by default H2 writes up to a second later).
            return "jdbc:h2:file:" + Path.of(dir).toAbsolutePath().normalize().resolve("task-ledger") + ";WRITE_DELAY=0";
        }
        return url.strip();
    }

    String instanceId() {
        if (!blankIfUnset(instanceId).isBlank()) {
            return instanceId.strip();
        }
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
        }
        return host + "-" + ProcessHandle.current().pid();
    }


    private static String blankIfUnset(String value) {
        return value == null || BLANK.equals(value) ? "" : value;
    }
}
