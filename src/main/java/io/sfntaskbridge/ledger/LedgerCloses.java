package io.sfntaskbridge.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.task.TaskLedgerException;
import io.sfntaskbridge.task.TaskTokens;

/**
 * The closing of ledger records ({@code CLOSED}: Step Functions took the answer or said the task is closed). Written at
 * once, or, when deferred, kept here until {@link #flush} writes every pending one in one transaction: the worker
 * flushes right before it deletes the messages of the tasks it closed, so one commit serves a whole delete batch, and
 * a message is never deleted before its close could be written (a delivery that comes back finds its task closed).
 * While a close is pending this instance already reports the token closed.
 */
final class LedgerCloses {

    private final DataSource dataSource;
    private final String table;
    private final String instanceId;
    private final boolean deferred;
    private final Map<String, CloseAt> pending = new ConcurrentHashMap<>();

    private record CloseAt(SfnTaskOutcome outcome, long at) {
    }

    LedgerCloses(DataSource dataSource, String table, String instanceId, boolean deferred) {
        this.dataSource = dataSource;
        this.table = table;
        this.instanceId = instanceId;
        this.deferred = deferred;
    }

    void close(String tokenHash, SfnTaskOutcome outcome, long now) {
        if (deferred) {
            pending.put(tokenHash, new CloseAt(outcome, now));
        } else {
            write(Map.of(tokenHash, new CloseAt(outcome, now)));
        }
    }

    /** Whether a close of the token waits for its flush. */
    boolean isPending(String tokenHash) {
        return pending.containsKey(tokenHash);
    }

    /** Writes the pending closes in one transaction; those that fail stay pending for the next flush. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, CloseAt> batch = Map.copyOf(pending);
        write(batch);
        batch.forEach(pending::remove);
    }

    private void write(Map<String, CloseAt> closes) {
        String update = "UPDATE " + table + " SET state = 'CLOSED', outcome = ?, output = NULL, cause = NULL,"
                        + " updated_at = ? WHERE token_hash = ?";
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(update)) {
                for (Map.Entry<String, CloseAt> close : closes.entrySet()) {
                    LedgerSql.bind(statement, close.getValue().outcome().name(), close.getValue().at(), close.getKey())
                            .addBatch();
                }
                int[] counts = statement.executeBatch();
                int i = 0;
                for (Map.Entry<String, CloseAt> close : closes.entrySet()) {
                    if (counts[i++] == 0) {
                        insertClosed(connection, close.getKey(), close.getValue());
                    }
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            String what = closes.size() == 1 ? TaskTokens.fingerprintOfHash(closes.keySet().iterator().next())
                    : closes.size() + " tokens";
            throw new TaskLedgerException("task ledger close of " + what + " failed: "
                                                                + LedgerSql.oneLine(e), e);
        }
    }

    // No record (purged, or never claimed): remember the closing anyway, so a late delivery is deleted.
    private void insertClosed(Connection connection, String tokenHash, CloseAt close) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                + " (token_hash, state, owner, lease_until, claims, outcome, updated_at) VALUES (?, 'CLOSED', ?, 0, 0,"
                + " ?, ?)")) {
            LedgerSql.bind(insert, tokenHash, instanceId, close.outcome().name(), close.at()).executeUpdate();
        } catch (SQLException e) {
            if (!LedgerSql.isUniqueViolation(e)) {
                throw e;
            }
        }
    }
}
