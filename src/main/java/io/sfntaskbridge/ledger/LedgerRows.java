package io.sfntaskbridge.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.sfntaskbridge.task.TaskAnswer;
import io.sfntaskbridge.task.TaskClaim;

/** Reads a ledger row as the claim a delivery gets when the row is someone else's or settled. */
final class LedgerRows {

    static final String CLAIMED = "CLAIMED";
    static final String ANSWERED = "ANSWERED";
    static final String CLOSED = "CLOSED";

    private LedgerRows() {
    }

    /** What the row says to a delivery that could neither insert nor take over; null when it must look again. */
    static TaskClaim current(Connection connection, String table, String hash, long now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT state, lease_until, answer_kind, output,"
                + " error, cause FROM " + table + " WHERE token_hash = ?")) {
            try (ResultSet row = LedgerSql.bind(select, hash).executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                long leaseUntil = row.getLong("lease_until");
                return switch (row.getString("state")) {
                    case CLAIMED -> leaseUntil > now
                            ? new TaskClaim(hash, TaskClaim.Status.HELD_ELSEWHERE, null, leaseUntil, null) : null;
                    case ANSWERED -> new TaskClaim(hash, TaskClaim.Status.ANSWER_STORED, null, leaseUntil,
                            new TaskAnswer(TaskAnswer.Kind.valueOf(row.getString("answer_kind")),
                                    row.getString("output"), row.getString("error"), row.getString("cause")));
                    case CLOSED -> new TaskClaim(hash, TaskClaim.Status.CLOSED, null, 0, null);
                    default -> throw new SQLException("unknown state '" + row.getString("state") + "' in " + table);
                };
            }
        }
    }
}
