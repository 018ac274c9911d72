package io.sfntaskbridge.ledger;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds {@code ledgerDataSource} (a HikariCP pool) and {@code taskLedger} (a {@link JdbcTaskLedger}), from the
 * {@code bridge.ledger.*} keys (see {@link LedgerSettings}). The ledger's table is created (when
 * {@code bridge.ledger.create-schema}) and checked while the ledger is bound, so a missing or different table or an
 * unreachable database stops the startup with one line. Records older than the retention are purged at start and
 * then hourly.
 */
public class LedgerConfiguration extends LedgerSettings implements CamelConfiguration, CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerConfiguration.class);

    private CamelContext camelContext;

    private HikariDataSource dataSource;

    /** Built once: the ledger and the registry share the pool. */
    @BindToRegistry(value = "ledgerDataSource", destroyMethod = "close")
    public synchronized HikariDataSource ledgerDataSource() {
        if (dataSource == null) {
            dataSource = newDataSource();
        }
        return dataSource;
    }

    // Built once although camel-main may call this method twice (see WorkerConfiguration), so one purge job runs.
    private JdbcTaskLedger ledger;

    @BindToRegistry("taskLedger")
    public synchronized JdbcTaskLedger taskLedger() {
        if (ledger == null) {
            ledger = newTaskLedger();
        }
        return ledger;
    }

    private JdbcTaskLedger newTaskLedger() {
        LedgerSchema schema = new LedgerSchema(ledgerDataSource(), table);
        if (createSchema && schema.createIfAbsent()) {
            LOG.info("Created task ledger table {} in {}", table, LedgerSchema.redact(jdbcUrl()));
        }
        schema.verify();
        String instance = instanceId();
        JdbcTaskLedger built = new JdbcTaskLedger(ledgerDataSource(), table, instance,
                Duration.ofSeconds(leaseSeconds), Clock.systemUTC());
        LOG.info("Task ledger: table {} in {}, instance {}, lease {} s, records kept {} days", table,
                LedgerSchema.redact(jdbcUrl()), instance, leaseSeconds, retentionDays);
        camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "TaskLedgerPurge")
                .scheduleWithFixedDelay(() -> purge(built), 0, 1, TimeUnit.HOURS);
        return built;
    }

    private void purge(JdbcTaskLedger ledger) {
        try {
            int deleted = ledger.purgeOlderThan(Clock.systemUTC().instant().minus(Duration.ofDays(retentionDays)));
            if (deleted > 0) {
                LOG.info("Purged {} task ledger records older than {} days", deleted, retentionDays);
            }
        } catch (RuntimeException e) {
            // Thrown out of the task, it would cancel every later run.
            LOG.warn("Task ledger purge failed, next try in an hour: {}", LedgerSql.oneLine(e));
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
