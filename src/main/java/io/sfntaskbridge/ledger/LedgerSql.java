package io.sfntaskbridge.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The few JDBC chores of the ledger: one statement with its values, one line for a failure. */
final class LedgerSql {

    private LedgerSql() {
    }

    /** Runs an UPDATE (or DELETE) and tells whether it changed exactly one row. */
    static boolean update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            return bind(statement, values).executeUpdate() == 1;
        }
    }

    static PreparedStatement bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        return statement;
    }

    /** Whether the statement failed because the row is there already (SQLSTATE 23505, H2 and PostgreSQL alike). */
    static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /** The exception's message and its root cause's (a pool timeout wraps "connection refused"), on one line. */
    static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(e.getMessage());
        if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += ": " + root.getMessage();
        }
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}
