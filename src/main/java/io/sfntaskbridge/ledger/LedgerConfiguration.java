package io.sfntaskbridge.ledger;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import io.sfntaskbridge.task.FaultLog;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds {@code ledgerDataSource} (a HikariCP pool) and {@code taskLedger} (a {@link JdbcTaskLedger}), from the
 * {@code bridge.ledger.*} keys (see {@link LedgerSettings}), and {@code globalCaps}. The ledger's table is created (when
 * {@code bridge.ledger.create-schema}) and checked while the ledger is bound, so a missing or different table or an
 * unreachable database stops the startup with one line. Records older than the retention are purged at start and
 * then hourly.
 */
public class LedgerConfiguration extends LedgerSettings implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerConfiguration.class);

    private HikariDataSource dataSource;

    /** Built once: the ledger and the registry share the pool. */
    @BindToRegistry(value = "ledgerDataSource", destroyMethod = "close")
    public synchronized HikariDataSource ledgerDataSource() {
        if (dataSource == null) {
            dataSource = newDataSource();
        }
        return dataSource;
    }

    private static final String SLOT_RENEWAL = "Concurrency slot lease renewal";

    private JdbcGlobalCaps caps;
    @PropertyInject(value = "bridge.worker.global-concurrency", defaultValue = "0")
    private int globalConcurrency;
    @PropertyInject(value = "bridge.worker.concurrency", defaultValue = "5")
    private int concurrency;
    private boolean checked;

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
                Duration.ofSeconds(leaseSeconds), Clock.systemUTC(), true);
        LOG.info("Task ledger: table {} in {}, instance {}, lease {} s, records kept {} days", table,
                LedgerSchema.redact(jdbcUrl()), instance, leaseSeconds, retentionDays);
        ScheduledExecutorService housekeeping = camelContext.getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "TaskLedger");
        housekeeping.scheduleWithFixedDelay(() -> purge(built), 0, 1, TimeUnit.HOURS);
        // The workers flush before they delete; this writes the closes of tasks whose message is not deleted
        // (activity tasks), and those a failed flush left, soon after.
        housekeeping.scheduleWithFixedDelay(built::flush, 1, 1, TimeUnit.SECONDS);
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

    /**
     * Binds {@code globalCaps}: the caps across instances of the workers that set {@code globalConcurrency}, in this
     * ledger's database, which must then be PostgreSQL (every instance shares it); their leases are renewed every third
     * of {@code bridge.ledger.lease-seconds}.
     */
    @BindToRegistry("globalCaps")
    public synchronized JdbcGlobalCaps globalCaps() {
        if (caps == null) {
            String problem = jdbcUrl().startsWith("jdbc:postgresql:") ? null
                    : "set bridge.ledger.url to PostgreSQL (it is " + LedgerSchema.redact(jdbcUrl()) + ")";
            caps = new JdbcGlobalCaps(ledgerDataSource(), table, instanceId(), Duration.ofSeconds(leaseSeconds), problem,
                    createSchema, Clock.systemUTC());
            if (problem == null) {
                FaultLog faults = new FaultLog(LOG);
                long every = Math.max(1, leaseSeconds / 3);
                camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "TaskSlotLeases")
                        .scheduleWithFixedDelay(() -> {
                            try {
                                caps.renewAll();
                                faults.succeeded(SLOT_RENEWAL);
                            } catch (RuntimeException e) {
                                faults.failed(SLOT_RENEWAL, e);
                            }
                        }, every, every, TimeUnit.SECONDS);
            }
        }
        return caps;
    }

    /**
     * The runtime-wide cap ({@code bridge.worker.global-concurrency}, the workers' default) is checked at startup,
     * before anything connects: refused without a shared database, a WARN when it is below the per-instance cap.
     */
    @Override
    public synchronized void configure(CamelContext context) {
        if (globalConcurrency <= 0 || checked) {
            return;
        }
        checked = true;
        if (!jdbcUrl().startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("bridge.worker.global-concurrency (" + globalConcurrency + ") needs a"
                                               + " ledger database that every instance shares: set bridge.ledger.url to"
                                               + " PostgreSQL (it is " + LedgerSchema.redact(jdbcUrl()) + ")");
        }
        if (globalConcurrency < concurrency) {
            LOG.warn("bridge.worker.global-concurrency ({}) is below this instance's bridge.worker.concurrency ({});"
                     + " the lower one holds", globalConcurrency, concurrency);
        }
        LOG.info("Global concurrency: {} tasks in flight across every instance sharing {}", globalConcurrency,
                LedgerSchema.redact(jdbcUrl()));
    }
}
