package io.sfntaskbridge.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.sfntaskbridge.task.GlobalCaps;
import io.sfntaskbridge.task.TaskLedgerException;
import io.sfntaskbridge.task.TaskSlots;

/**
 * The caps across instances of every worker with {@code globalConcurrency}, in the ledger's database: one pool of
 * {@link JdbcTaskSlots} per worker's queue or activity, in one table. Refused unless the database is one that every
 * instance can share (PostgreSQL; the embedded H2 is this instance's alone).
 */
public class JdbcGlobalCaps implements GlobalCaps {

    private final DataSource dataSource;
    private final String ledgerTable;
    private final String instanceId;
    private final Duration lease;
    private final String sharedProblem;
    private final boolean createTable;
    private final Clock clock;
    private final Map<String, JdbcTaskSlots> pools = new ConcurrentHashMap<>();

    /**
     * @param sharedProblem why the database cannot be shared (named in the refusal), or null when it can
     * @param createTable   create the slot table at the first pool (bridge.ledger.create-schema), else expect it
     */
    public JdbcGlobalCaps(DataSource dataSource, String ledgerTable, String instanceId, Duration lease,
                          String sharedProblem, boolean createTable, Clock clock) {
        this.dataSource = dataSource;
        this.ledgerTable = ledgerTable;
        this.instanceId = instanceId;
        this.lease = lease;
        this.sharedProblem = sharedProblem;
        this.createTable = createTable;
        this.clock = clock;
    }

    @Override
    public synchronized TaskSlots slots(String name, int capacity) {
        if (sharedProblem != null) {
            throw new IllegalArgumentException("globalConcurrency (" + capacity + ") of " + name + " needs a ledger"
                                               + " database that every instance shares: " + sharedProblem);
        }
        if (pools.isEmpty() && createTable) {
            JdbcTaskSlots.createTableIfAbsent(dataSource, JdbcTaskSlots.tableOf(ledgerTable));
        }
        JdbcTaskSlots slots = new JdbcTaskSlots(dataSource, ledgerTable, instanceId, name, capacity, lease, clock);
        slots.fitCapacity();
        pools.put(name, slots);
        return slots;
    }

    /** Extends the lease of every slot this instance's tasks hold, in any pool; run every third of the lease. */
    public void renewAll() {
        if (pools.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            for (JdbcTaskSlots slots : pools.values()) {
                slots.renewHeld(connection);
            }
        } catch (SQLException e) {
            throw new TaskLedgerException("cannot renew the concurrency slots in " + JdbcTaskSlots.tableOf(ledgerTable)
                                          + ": " + LedgerSql.oneLine(e), e);
        }
    }
}
