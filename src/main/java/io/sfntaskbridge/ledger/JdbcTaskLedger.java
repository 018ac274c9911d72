package io.sfntaskbridge.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import io.sfntaskbridge.task.FaultLog;
import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.task.TaskAnswer;
import io.sfntaskbridge.task.TaskClaim;
import io.sfntaskbridge.task.TaskLedger;
import io.sfntaskbridge.task.TaskLedgerException;
import io.sfntaskbridge.task.TaskTokens;
import org.slf4j.LoggerFactory;

/**
 * The {@link TaskLedger} in one SQL table (see {@link LedgerSchema}), with portable statements that run unchanged on
 * H2 2.x (one instance, embedded file) and PostgreSQL (instances sharing it). One row per task token, keyed by the
 * token's SHA-256; the token itself is never stored. Every statement runs on its own (autocommit).
 * <p>
 * States of a row: {@code CLAIMED} (a delivery does the work; {@code claim_id} names it, {@code lease_until} says
 * until when it is alive), {@code ANSWERED} (the answer is stored, not yet accepted by Step Functions), {@code CLOSED}
 * (accepted, or Step Functions said the task is closed). A claim is an INSERT; only one delivery can win it. A later
 * delivery takes the row over only when it is still {@code CLAIMED} and its lease ran out, with a conditional UPDATE
 * that gives the row a new claim id; otherwise it learns the row's state (held elsewhere, answer stored, closed).
 * <p>
 * Fencing: renew, storeAnswer and release only change a row whose {@code claim_id} is the caller's and whose state is
 * still {@code CLAIMED}. A delivery whose lease ran out and whose task was taken over therefore cannot store or send
 * an answer any more, even if it comes back to life later: its updates match no row and return false.
 * <p>
 * Every {@link SQLException} becomes a {@link TaskLedgerException} with one line naming the operation and the token's
 * fingerprint, never the token.
 */
public class JdbcTaskLedger implements TaskLedger {

    private static final String CLOSE = "Task ledger close";
    private static final String FENCE = " WHERE token_hash = ? AND claim_id = ? AND state = 'CLAIMED'";

    private final DataSource dataSource;
    private final String table;
    private final String instanceId;
    private final Duration lease;
    private final Clock clock;
    private final LedgerCloses closes;
    private final FaultLog closeFaults = new FaultLog(LoggerFactory.getLogger(JdbcTaskLedger.class));

    public JdbcTaskLedger(DataSource dataSource, String table, String instanceId, Duration lease, Clock clock) {
        this(dataSource, table, instanceId, lease, clock, false);
    }

    /**
     * @param deferCloses true: a close waits for {@link #flush} (the worker flushes before it deletes the task's
     *                    message), so one commit serves many tasks; false: every close is written at once
     */
    public JdbcTaskLedger(DataSource dataSource, String table, String instanceId, Duration lease, Clock clock,
                          boolean deferCloses) {
        this.dataSource = dataSource;
        this.table = LedgerSchema.requireIdentifier(table);
        if (instanceId == null || instanceId.isBlank() || instanceId.length() > LedgerSchema.MAX_INSTANCE_ID) {
            throw new IllegalArgumentException("task ledger instance id must be 1 to " + LedgerSchema.MAX_INSTANCE_ID
                                               + " characters");
        }
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("task ledger lease must be positive, not " + lease);
        }
        this.instanceId = instanceId;
        this.lease = lease;
        this.clock = clock;
        this.closes = new LedgerCloses(dataSource, this.table, instanceId, deferCloses);
    }

    @Override
    public TaskClaim claim(String token) {
        String hash = TaskTokens.hash(token);
        if (closes.isPending(hash)) {
            return new TaskClaim(hash, TaskClaim.Status.CLOSED, null, 0, null);
        }
        try (Connection connection = dataSource.getConnection()) {
            // A row can vanish (purge) or change (lease ran out) between our statements: look again, a few times.
            for (int attempt = 0; attempt < 3; attempt++) {
                long now = clock.millis();
                String claimId = instanceId + ":" + UUID.randomUUID();
                if (insert(connection, hash, claimId, now)) {
                    return new TaskClaim(hash, TaskClaim.Status.CLAIMED, claimId, now + lease.toMillis(), null);
                }
                if (LedgerSql.update(connection, "UPDATE " + table + " SET claim_id = ?, owner = ?, lease_until = ?,"
                        + " claims = claims + 1, updated_at = ? WHERE token_hash = ? AND state = 'CLAIMED'"
                        + " AND lease_until <= ?", claimId, instanceId, now + lease.toMillis(), now, hash, now)) {
                    return new TaskClaim(hash, TaskClaim.Status.TAKEN_OVER, claimId, now + lease.toMillis(), null);
                }
                TaskClaim seen = LedgerRows.current(connection, table, hash, now);
                if (seen != null) {
                    return seen;
                }
            }
            throw new TaskLedgerException("task ledger claim of " + TaskTokens.fingerprintOfHash(hash)
                                          + " failed: its record kept changing under concurrent deliveries", null);
        } catch (SQLException e) {
            throw failure("claim", hash, e);
        }
    }

    @Override
    public boolean renew(TaskClaim claim) {
        return claim.claimId() != null && fenced("renew", claim, "UPDATE " + table
                + " SET lease_until = ?, updated_at = ?" + FENCE, clock.millis() + lease.toMillis(), clock.millis());
    }

    @Override
    public boolean storeAnswer(TaskClaim claim, TaskAnswer answer) {
        return claim.claimId() != null && fenced("storeAnswer", claim, "UPDATE " + table
                + " SET state = 'ANSWERED', answer_kind = ?, output = ?, error = ?, cause = ?, updated_at = ?" + FENCE,
                answer.kind().name(), answer.output(), answer.error(), answer.cause(), clock.millis());
    }

    @Override
    public void close(String tokenHash, SfnTaskOutcome outcome) {
        closes.close(tokenHash, outcome, clock.millis());
    }

    @Override
    public void flush() {
        try {
            closes.flush();
            closeFaults.succeeded(CLOSE);
        } catch (TaskLedgerException e) {
            closeFaults.failed(CLOSE, e);
        }
    }

    @Override
    public void release(TaskClaim claim) {
        if (claim.claimId() != null) {
            // The claim id goes too: work still running under the released claim can no longer store or send.
            fenced("release", claim, "UPDATE " + table + " SET lease_until = 0, claim_id = NULL, updated_at = ?"
                                     + FENCE, clock.millis());
        }
    }

    /**
     * Deletes every record last changed before {@code cutoff}, whatever its state: after SQS's retention no delivery
     * of its token can come back.
     *
     * @return how many records were deleted
     */
    public int purgeOlderThan(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE updated_at < ?")) {
            return LedgerSql.bind(delete, cutoff.toEpochMilli()).executeUpdate();
        } catch (SQLException e) {
            throw new TaskLedgerException("task ledger purge of " + table + " failed: " + LedgerSql.oneLine(e), e);
        }
    }

    @Override
    public Duration lease() {
        return lease;
    }

    @Override
    public TaskClaim reopen(String token) {
        String hash = TaskTokens.hash(token);
        closes.flush();
        long now = clock.millis();
        String claimId = instanceId + ":" + UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            if (LedgerSql.update(connection, "UPDATE " + table + " SET state = 'CLAIMED', claim_id = ?, owner = ?,"
                    + " lease_until = ?, claims = claims + 1, answer_kind = NULL, output = NULL, error = NULL,"
                    + " cause = NULL, outcome = NULL, updated_at = ? WHERE token_hash = ? AND state = 'CLOSED'",
                    claimId, instanceId, now + lease.toMillis(), now, hash)) {
                return new TaskClaim(hash, TaskClaim.Status.CLAIMED, claimId, now + lease.toMillis(), null);
            }
        } catch (SQLException e) {
            throw failure("reopen", hash, e);
        }
        return claim(token);
    }

    private boolean insert(Connection connection, String hash, String claimId, long now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (token_hash, state,"
                + " claim_id, owner, lease_until, claims, updated_at) VALUES (?, 'CLAIMED', ?, ?, ?, 1, ?)")) {
            LedgerSql.bind(insert, hash, claimId, instanceId, now + lease.toMillis(), now).executeUpdate();
            return true;
        } catch (SQLException e) {
            if (LedgerSql.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    private boolean fenced(String operation, TaskClaim claim, String sql, Object... values) {
        Object[] all = new Object[values.length + 2];
        System.arraycopy(values, 0, all, 0, values.length);
        all[values.length] = claim.tokenHash();
        all[values.length + 1] = claim.claimId();
        try (Connection connection = dataSource.getConnection()) {
            return LedgerSql.update(connection, sql, all);
        } catch (SQLException e) {
            throw failure(operation, claim.tokenHash(), e);
        }
    }

    private TaskLedgerException failure(String operation, String hash, SQLException e) {
        return new TaskLedgerException("task ledger " + operation + " of " + TaskTokens.fingerprintOfHash(hash)
                                       + " failed: " + LedgerSql.oneLine(e), e);
    }
}
