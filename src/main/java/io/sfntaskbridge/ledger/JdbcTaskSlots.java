package io.sfntaskbridge.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import io.sfntaskbridge.component.TaskLedgerException;
import io.sfntaskbridge.component.TaskSlots;

/**
 * {@link TaskSlots} in a table of the ledger's database ({@code <ledger table>_slots}): one row per slot, numbered 0 to
 * capacity - 1, held by a claim ({@code <instance id>:<uuid>}, the instance in {@code owner}) until
 * {@code lease_until}. Taking a slot is a
 * conditional UPDATE of a free or expired row, tried from a random slot on so instances do not queue on the same
 * rows; only one taker can win a row. {@link #renewAll()} extends every slot this instance holds, in one statement; a
 * dead instance's slots expire after the lease and are taken again.
 */
public class JdbcTaskSlots implements TaskSlots {

    private final DataSource dataSource;
    private final String table;
    private final String instanceId;
    private final int capacity;
    private final Duration lease;
    private final Clock clock;

    public JdbcTaskSlots(DataSource dataSource, String ledgerTable, String instanceId, int capacity, Duration lease,
                         Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("bridge.worker.global-concurrency must be at least 1, was " + capacity);
        }
        this.dataSource = dataSource;
        this.table = LedgerSchema.requireIdentifier(ledgerTable) + "_slots";
        this.instanceId = instanceId;
        this.capacity = capacity;
        this.lease = lease;
        this.clock = clock;
    }

    /** Creates the slot table unless it exists ({@code provision}, or at startup with bridge.ledger.create-schema). */
    public void createTableIfAbsent() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (slot INTEGER NOT NULL PRIMARY KEY,"
                              + " owner VARCHAR(" + LedgerSchema.MAX_INSTANCE_ID + "), claim VARCHAR(200),"
                              + " lease_until BIGINT NOT NULL)");
        } catch (SQLException e) {
            throw new TaskLedgerException("cannot create the slot table " + table + ": " + LedgerSql.oneLine(e), e);
        }
    }

    /**
     * Makes sure the slot table has exactly {@code capacity} slots: rows only (INSERT, DELETE), so a database user
     * without DDL rights can run it.
     */
    public void fitCapacity() {
        try (Connection connection = dataSource.getConnection()) {
            // More rows than the cap (it was lowered) would let more tasks run: they go.
            LedgerSql.update(connection, "DELETE FROM " + table + " WHERE slot >= ?", capacity);
            for (int slot = 0; slot < capacity; slot++) {
                try {
                    LedgerSql.update(connection, "INSERT INTO " + table + " (slot, owner, claim, lease_until) VALUES (?, NULL, NULL, 0)",
                            slot);
                } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new TaskLedgerException("cannot set up the " + capacity + " slots in " + table + " (create the table"
                                          + " with 'java -jar sfn-task-bridge.jar provision' or set"
                                          + " bridge.ledger.create-schema=true): " + LedgerSql.oneLine(e), e);
        }
    }

    /** The slot table's name: the ledger's table with {@code _slots}. */
    public String table() {
        return table;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public List<String> acquire(int count) {
        List<String> taken = new ArrayList<>(count);
        long now = clock.millis();
        int start = ThreadLocalRandom.current().nextInt(capacity);
        try (Connection connection = dataSource.getConnection()) {
            for (int i = 0; i < capacity && taken.size() < count; i++) {
                int slot = (start + i) % capacity;
                String claim = instanceId + ":" + UUID.randomUUID();
                if (LedgerSql.update(connection, "UPDATE " + table + " SET owner = ?, claim = ?, lease_until = ?"
                                                 + " WHERE slot = ? AND lease_until <= ?",
                        instanceId, claim, now + lease.toMillis(), slot, now)) {
                    taken.add(claim);
                }
            }
            return taken;
        } catch (SQLException e) {
            taken.forEach(this::release);
            throw new TaskLedgerException("cannot take a concurrency slot in " + table + ": " + LedgerSql.oneLine(e), e);
        }
    }

    @Override
    public void release(String claim) {
        try (Connection connection = dataSource.getConnection()) {
            LedgerSql.update(connection, "UPDATE " + table + " SET owner = NULL, claim = NULL, lease_until = 0"
                                         + " WHERE claim = ?", claim);
        } catch (SQLException e) {
            // The lease runs out by itself; the slot is only late to come back.
            throw new TaskLedgerException("cannot give back a concurrency slot in " + table + ": "
                                          + LedgerSql.oneLine(e), e);
        }
    }

    /** Extends the lease of every slot this instance holds; run every third of the lease. */
    public void renewAll() {
        try (Connection connection = dataSource.getConnection()) {
            LedgerSql.update(connection, "UPDATE " + table + " SET lease_until = ? WHERE owner = ? AND lease_until > ?",
                    clock.millis() + lease.toMillis(), instanceId, clock.millis());
        } catch (SQLException e) {
            throw new TaskLedgerException("cannot renew the concurrency slots in " + table + ": "
                                          + LedgerSql.oneLine(e), e);
        }
    }

    /** Slots held now, by any instance (for the status page and tests). */
    public int held() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE lease_until > "
                                               + clock.millis())) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new TaskLedgerException("cannot count the concurrency slots in " + table + ": "
                                          + LedgerSql.oneLine(e), e);
        }
    }
}
