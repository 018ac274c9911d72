package io.sfntaskbridge.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import io.sfntaskbridge.task.TaskLedgerException;
import io.sfntaskbridge.task.TaskSlots;

/**
 * One worker's {@link TaskSlots} in a table of the ledger's database ({@code <ledger table>_slots}, one row per slot
 * of every pool): the rows of pool {@code pool} are numbered 0 to capacity - 1, each held by a claim
 * ({@code <instance id>:<uuid>}, the instance in {@code owner}) until {@code lease_until}. Taking a slot is a
 * conditional UPDATE of a free or expired row, tried from a random slot on so instances do not queue on the same rows;
 * only one taker can win a row. {@link JdbcGlobalCaps#renewAll()} extends the slots this instance's tasks hold; a
 * dead instance's slots, and one whose release failed, expire after the lease and are taken again.
 */
public class JdbcTaskSlots implements TaskSlots {

    private final DataSource dataSource;
    private final String table;
    private final String instanceId;
    private final String pool;
    private final int capacity;
    private final Duration lease;
    private final Clock clock;
    // Claims this instance holds: only these are renewed, so a slot whose release failed expires with its lease.
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    public JdbcTaskSlots(DataSource dataSource, String ledgerTable, String instanceId, String pool, int capacity,
                         Duration lease, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("globalConcurrency must be at least 1, was " + capacity);
        }
        this.dataSource = dataSource;
        this.table = tableOf(ledgerTable);
        this.instanceId = instanceId;
        this.pool = pool;
        this.capacity = capacity;
        this.lease = lease;
        this.clock = clock;
    }

    static String tableOf(String ledgerTable) {
        return LedgerSchema.requireIdentifier(ledgerTable) + "_slots";
    }

    /**
     * Creates the slot table unless it exists ({@code provision}, or at startup with bridge.ledger.create-schema). A
     * table of an earlier version (one pool, no {@code pool} column) holds only leases: it is made anew.
     *
     * @return whether it made the table anew in place of an earlier version's
     */
    static boolean createTableIfAbsent(DataSource dataSource, String table) {
        String create = "CREATE TABLE IF NOT EXISTS " + table + " (pool VARCHAR(200) NOT NULL, slot INTEGER NOT NULL,"
                        + " owner VARCHAR(" + LedgerSchema.MAX_INSTANCE_ID + "), claim VARCHAR(200),"
                        + " lease_until BIGINT NOT NULL, PRIMARY KEY (pool, slot))";
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(create);
            try (Statement probe = connection.createStatement()) {
                probe.executeQuery("SELECT pool FROM " + table + " WHERE 1 = 0").close();
                return false;
            } catch (SQLException earlierVersion) {
                statement.execute("DROP TABLE " + table);
                statement.execute(create);
                return true;
            }
        } catch (SQLException e) {
            throw new TaskLedgerException("cannot create the slot table " + table + ": " + LedgerSql.oneLine(e), e);
        }
    }

    /**
     * Makes sure the pool has exactly {@code capacity} slots: rows only (INSERT, DELETE), so a database user without
     * DDL rights can run it.
     */
    public void fitCapacity() {
        try (Connection connection = dataSource.getConnection()) {
            // More rows than the cap (it was lowered) would let more tasks run: they go.
            LedgerSql.update(connection, "DELETE FROM " + table + " WHERE pool = ? AND slot >= ?", pool, capacity);
            for (int slot = 0; slot < capacity; slot++) {
                try {
                    LedgerSql.update(connection, "INSERT INTO " + table + " (pool, slot, owner, claim, lease_until)"
                                                 + " VALUES (?, ?, NULL, NULL, 0)", pool, slot);
                } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new TaskLedgerException("cannot set up the " + capacity + " slots of " + pool + " in " + table
                                          + " (create the table with 'java -jar sfn-task-bridge.jar provision' or set"
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
                                                 + " WHERE pool = ? AND slot = ? AND lease_until <= ?",
                        instanceId, claim, now + lease.toMillis(), pool, slot, now)) {
                    taken.add(claim);
                    held.add(claim);
                }
            }
            return taken;
        } catch (SQLException e) {
            taken.forEach(this::release);
            throw new TaskLedgerException("cannot take a concurrency slot of " + pool + " in " + table + ": "
                                          + LedgerSql.oneLine(e), e);
        }
    }

    @Override
    public void release(String claim) {
        held.remove(claim);
        try (Connection connection = dataSource.getConnection()) {
            LedgerSql.update(connection, "UPDATE " + table + " SET owner = NULL, claim = NULL, lease_until = 0"
                                         + " WHERE pool = ? AND claim = ?", pool, claim);
        } catch (SQLException e) {
            // The lease runs out by itself; the slot is only late to come back.
            throw new TaskLedgerException("cannot give back a concurrency slot of " + pool + " in " + table + ": "
                                          + LedgerSql.oneLine(e), e);
        }
    }

    /** Extends the lease of the slots this instance holds in the pool (not of those whose release failed). */
    void renewHeld(Connection connection) throws SQLException {
        List<String> claims = List.copyOf(held);
        if (claims.isEmpty()) {
            return;
        }
        Object[] values = new Object[claims.size() + 2];
        values[0] = clock.millis() + lease.toMillis();
        values[1] = pool;
        for (int i = 0; i < claims.size(); i++) {
            values[i + 2] = claims.get(i);
        }
        LedgerSql.update(connection, "UPDATE " + table + " SET lease_until = ? WHERE pool = ? AND claim IN ("
                                     + String.join(", ", java.util.Collections.nCopies(claims.size(), "?")) + ")", values);
    }

    /** Slots of this pool held now, by any instance (for tests). */
    public int held() {
        try (Connection connection = dataSource.getConnection();
             var select = connection.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE pool = ? AND"
                                                      + " lease_until > ?")) {
            try (var rows = LedgerSql.bind(select, pool, clock.millis()).executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new TaskLedgerException("cannot count the concurrency slots in " + table + ": "
                                          + LedgerSql.oneLine(e), e);
        }
    }
}
