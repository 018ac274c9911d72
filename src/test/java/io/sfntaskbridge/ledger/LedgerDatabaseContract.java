package io.sfntaskbridge.ledger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.zaxxer.hikari.HikariDataSource;
import io.sfntaskbridge.task.TaskAnswer;
import io.sfntaskbridge.task.TaskClaim;
import io.sfntaskbridge.task.TaskClaim.Status;
import io.sfntaskbridge.task.TaskTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database side of the ledger contract (table, token never stored, concurrency, reopening, schema checks), and
 * what every contract test needs; subclasses supply the database. The claim states are in {@link TaskLedgerContract}.
 */
abstract class LedgerDatabaseContract {

    static final Duration LEASE = Duration.ofSeconds(30);

    final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    final String table = "ledger_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    HikariDataSource dataSource;

    /** A new pool on the database under test; a second call reaches the same data. */
    abstract HikariDataSource openDatabase();

    @BeforeEach
    void createTable() {
        dataSource = openDatabase();
        assertThat(new LedgerSchema(dataSource, table).createIfAbsent()).isTrue();
        assertThat(new LedgerSchema(dataSource, table).createIfAbsent()).isFalse();
        new LedgerSchema(dataSource, table).verify();
    }

    @AfterEach
    void dropTable() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
        } finally {
            dataSource.close();
        }
    }

    JdbcTaskLedger ledger(String instance) {
        return new JdbcTaskLedger(dataSource, table, instance, LEASE, clock);
    }

    static String token() {
        return "AQB8AAAAKgAAAAMAAAAA" + UUID.randomUUID() + UUID.randomUUID() + "==";
    }

    @Test
    void tokenIsNeverStored() throws SQLException {
        String token = token();
        TaskClaim claim = ledger("a").claim(token);
        ledger("a").storeAnswer(claim, TaskAnswer.failure("Boom", "backend down"));
        List<String> values = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
            while (rows.next()) {
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    values.add(rows.getString(i));
                }
            }
        }
        assertThat(values).contains(TaskTokens.hash(token), "Boom", "backend down");
        assertThat(values).noneMatch(value -> value != null && value.contains(token.substring(20, 56)));
    }

    @Test
    void concurrentDeliveriesOfOneTokenMakeExactlyOneClaim() throws Exception {
        String token = token();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<TaskClaim>> claims = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                JdbcTaskLedger ledger = ledger("i" + i);
                claims.add(threads.submit((Callable<TaskClaim>) () -> {
                    start.await();
                    return ledger.claim(token);
                }));
            }
            start.countDown();
            List<Status> statuses = new ArrayList<>();
            for (Future<TaskClaim> claim : claims) {
                statuses.add(claim.get().status());
            }
            assertThat(statuses).containsOnlyOnce(Status.CLAIMED).containsOnly(Status.CLAIMED, Status.HELD_ELSEWHERE);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void ledgerSurvivesReopeningTheDatabase() {
        String token = token();
        TaskClaim claim = ledger("a").claim(token);
        ledger("a").storeAnswer(claim, TaskAnswer.success("{\"kept\":true}"));
        dataSource.close();
        dataSource = openDatabase();
        new LedgerSchema(dataSource, table).verify();
        assertThat(ledger("b").claim(token).storedAnswer()).isEqualTo(TaskAnswer.success("{\"kept\":true}"));
    }

    @Test
    void missingTableFailsWithOneLineNamingItAndTheCommand() {
        assertThatThrownBy(() -> new LedgerSchema(dataSource, table + "_absent").verify())
                .hasMessageContaining("task ledger table " + table + "_absent does not exist in jdbc:")
                .hasMessageContaining("java -jar sfn-task-bridge.jar provision")
                .hasMessageContaining("bridge.ledger.create-schema=true")
                .hasMessageNotContaining("\n");
    }

    @Test
    void tableWithOtherColumnsFailsWithOneLineNamingThem() throws SQLException {
        String other = table + "_old";
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + other + " (token_hash CHAR(64) PRIMARY KEY, state VARCHAR(16),"
                              + " claim_id VARCHAR(200), owner VARCHAR(150), lease_until BIGINT, claims INTEGER,"
                              + " answer_kind VARCHAR(16), output VARCHAR(4000), error VARCHAR(256),"
                              + " cause VARCHAR(32768), updated_at BIGINT, token VARCHAR(2048))");
        }
        try {
            assertThatThrownBy(() -> new LedgerSchema(dataSource, other).verify())
                    .hasMessageContaining("task ledger table " + other)
                    .hasMessageContaining("missing columns outcome")
                    .hasMessageContaining("unexpected columns token")
                    .hasMessageContaining("column output holds 4000 characters, not 262144")
                    .hasMessageContaining("provision")
                    .hasMessageNotContaining("\n");
        } finally {
            try (Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE " + other);
            }
        }
    }

    String column(String tokenHash, String column) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT " + column + " FROM " + table
                                                    + " WHERE token_hash = '" + tokenHash + "'")) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
