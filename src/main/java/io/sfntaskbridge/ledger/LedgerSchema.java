package io.sfntaskbridge.ledger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The task ledger's table: created by {@link #createIfAbsent()} ({@code provision}, or at startup with
 * {@code bridge.ledger.create-schema=true}) and checked by {@link #verify()} at startup, so a missing or different
 * table stops the runtime with one line instead of failing every task. The same DDL runs on H2 2.x and PostgreSQL.
 * The big columns hold a full answer (SendTaskSuccess output up to 256 KiB, failure cause up to 32768 characters), so
 * a stored answer is never cut.
 */
public final class LedgerSchema {

    static final int MAX_INSTANCE_ID = 150;
    /** Column name to SQL type; also what {@link #verify()} expects to find. */
    static final Map<String, String> COLUMNS = columns();
    /** Columns whose size must be at least this, so an answer fits whole. */
    private static final Map<String, Integer> MIN_SIZES = Map.of("output", 262144, "cause", 32768, "error", 256);
    // Leaves room for the "_updated_at" index name within PostgreSQL's 63-character identifiers.
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,47}");
    private static final String HOW_TO_CREATE = "create it with 'java -jar sfn-task-bridge.jar provision' or set "
                                                + "bridge.ledger.create-schema=true";

    private final DataSource dataSource;
    private final String table;

    public LedgerSchema(DataSource dataSource, String table) {
        this.dataSource = dataSource;
        this.table = requireIdentifier(table);
    }

    /** @return the name when it is a plain SQL identifier; the ledger puts it into its statements */
    public static String requireIdentifier(String table) {
        if (table == null || !IDENTIFIER.matcher(table).matches()) {
            throw new IllegalArgumentException("task ledger table name '" + table + "' is not a plain SQL identifier"
                                               + " (a letter or _, then letters, digits or _; at most 48)");
        }
        return table;
    }

    /**
     * Creates the table and its purge index unless they exist.
     *
     * @return true when the table was created, false when it was there already
     */
    public boolean createIfAbsent() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            boolean existed = columnsOf(connection) != null;
            List<String> definitions = new ArrayList<>();
            COLUMNS.forEach((name, type) -> definitions.add(name + " " + type));
            statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + String.join(", ", definitions) + ")");
            statement.execute("CREATE INDEX IF NOT EXISTS " + table + "_updated_at ON " + table + " (updated_at)");
            return !existed;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create task ledger table " + table + " in " + url() + ": "
                                            + LedgerSql.oneLine(e), e);
        }
    }

    /** Fails with one line naming the table, what is wrong and how to fix it, unless the table is as expected. */
    public void verify() {
        Map<String, Integer> found;
        String url;
        try (Connection connection = dataSource.getConnection()) {
            url = redact(connection.getMetaData().getURL());
            found = columnsOf(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("task ledger database " + url() + " is not reachable: "
                                            + LedgerSql.oneLine(e), e);
        }
        if (found == null) {
            throw new IllegalStateException("task ledger table " + table + " does not exist in " + url + "; "
                                            + HOW_TO_CREATE);
        }
        Set<String> missing = new TreeSet<>(COLUMNS.keySet());
        missing.removeAll(found.keySet());
        Set<String> unexpected = new TreeSet<>(found.keySet());
        unexpected.removeAll(COLUMNS.keySet());
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add("missing columns " + String.join(", ", missing));
        }
        if (!unexpected.isEmpty()) {
            problems.add("unexpected columns " + String.join(", ", unexpected));
        }
        MIN_SIZES.forEach((column, size) -> {
            Integer actual = found.get(column);
            if (actual != null && actual > 0 && actual < size) {
                problems.add("column " + column + " holds " + actual + " characters, not " + size);
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("task ledger table " + table + " in " + url + " differs from what this "
                                            + "version expects (" + String.join("; ", problems) + "); drop or rename"
                                            + " it, then " + HOW_TO_CREATE);
        }
    }

    /** Lower-case column name to its size, or null when the table does not exist. */
    private Map<String, Integer> columnsOf(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet empty = statement.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData meta = empty.getMetaData();
            Map<String, Integer> columns = new LinkedHashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.put(meta.getColumnName(i).toLowerCase(Locale.ROOT), meta.getPrecision(i));
            }
            return columns;
        } catch (SQLException e) {
            // No such table: PostgreSQL 42P01; H2 42S02, 42S03 (with candidates), 42S04 (empty database). Anything
            // else (down, no rights) is a real failure.
            if (Set.of("42P01", "42S02", "42S03", "42S04").contains(e.getSQLState())) {
                return null;
            }
            throw e;
        }
    }

    /** For messages when no connection can be had: a second attempt would only double the wait. */
    private String url() {
        return dataSource instanceof HikariDataSource pool ? redact(pool.getJdbcUrl()) : "the configured database";
    }

    /** JDBC URLs may carry a password (PostgreSQL: ?password=, user:password@host); it never reaches a message. */
    static String redact(String url) {
        return url == null ? "" : url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@",
                "//$1:***@");
    }

    private static Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("token_hash", "CHAR(64) PRIMARY KEY");
        columns.put("state", "VARCHAR(16) NOT NULL");
        columns.put("claim_id", "VARCHAR(200)");
        columns.put("owner", "VARCHAR(" + MAX_INSTANCE_ID + ") NOT NULL");
        columns.put("lease_until", "BIGINT NOT NULL");
        columns.put("claims", "INTEGER NOT NULL");
        columns.put("answer_kind", "VARCHAR(16)");
        columns.put("output", "VARCHAR(262144)");
        columns.put("error", "VARCHAR(256)");
        columns.put("cause", "VARCHAR(32768)");
        columns.put("outcome", "VARCHAR(32)");
        columns.put("updated_at", "BIGINT NOT NULL");
        return Collections.unmodifiableMap(columns);
    }
}
