package io.sfntaskbridge.ops.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of the task ledger: its database answers {@link Connection#isValid} on a pooled connection. No work starts
 * without a claim, so the instance is not ready while the ledger is unreachable; liveness stays up (a restart cannot
 * bring the database back). UP when the runtime has no ledger.
 */
public class LedgerReadinessCheck extends AbstractHealthCheck {

    public static final String ID = "bridge-ledger";
    static final int VALID_TIMEOUT_SECONDS = 2;

    private final Supplier<DataSource> dataSource;

    /** @param dataSource the ledger's pool, null when there is none */
    public LedgerReadinessCheck(Supplier<DataSource> dataSource) {
        super("bridge", ID);
        this.dataSource = dataSource;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        DataSource pool = dataSource.get();
        if (pool == null) {
            builder.detail("ledger", "none").up();
            return;
        }
        try (Connection connection = pool.getConnection()) {
            if (connection.isValid(VALID_TIMEOUT_SECONDS)) {
                builder.up();
            } else {
                builder.message("task ledger database did not answer within " + VALID_TIMEOUT_SECONDS + " s").down();
            }
        } catch (SQLException | RuntimeException e) {
            builder.message("task ledger unreachable: " + e.getMessage()).error(e).down();
        }
    }
}
