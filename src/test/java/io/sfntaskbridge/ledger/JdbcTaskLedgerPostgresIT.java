package io.sfntaskbridge.ledger;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import io.sfntaskbridge.task.TaskClaim.Status;
import io.sfntaskbridge.task.TaskLedgerException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The ledger contract on PostgreSQL, where several instances share one ledger. The server comes from
 * BRIDGE_TEST_POSTGRES_URL (system property or environment), by default the one {@code scripts/postgres.sh start}
 * runs. Each test works in a table of its own, so runs never collide.
 */
class JdbcTaskLedgerPostgresIT extends TaskLedgerContract {

    static final String URL = setting("BRIDGE_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:55432/bridge?user=bridge");

    @BeforeAll
    static void postgresAnswers() {
        DriverManager.setLoginTimeout(5);
        try (Connection connection = DriverManager.getConnection(URL)) {
            assertThat(connection.isValid(5)).isTrue();
        } catch (SQLException e) {
            fail("no PostgreSQL answers at " + LedgerSchema.redact(URL) + " (" + e.getMessage() + "): run "
                 + "'scripts/postgres.sh start', or set BRIDGE_TEST_POSTGRES_URL to a database this user may create "
                 + "tables in");
        }
    }

    @Override
    HikariDataSource openDatabase() {
        return LedgerSettings.pool(URL, "", "", 10);
    }

    @Test
    void outageFailsLedgerCallsQuicklyAndTheLedgerWorksAgainWhenTheDatabaseIsBack() throws Exception {
        URI target = URI.create(URL.substring("jdbc:".length()));
        String relayed = URL.replace(target.getHost() + ":" + target.getPort(), "127.0.0.1:%d");
        try (TcpRelay relay = new TcpRelay(target.getHost(), target.getPort());
             HikariDataSource pool = LedgerSettings.pool(relayed.formatted(relay.port()), "", "", 4)) {
            JdbcTaskLedger ledger = new JdbcTaskLedger(pool, table, "a", LEASE, clock);
            String token = token();
            assertThat(ledger.claim(token).status()).isEqualTo(Status.CLAIMED);

            relay.down();
            long start = System.nanoTime();
            assertThatThrownBy(() -> ledger.claim(token))
                    .isInstanceOf(TaskLedgerException.class)
                    .hasMessageStartingWith("task ledger claim of token#")
                    .hasMessageNotContaining(token).hasMessageNotContaining("\n");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

            relay.up();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(
                    () -> assertThat(ledger.claim(token).status()).isEqualTo(Status.HELD_ELSEWHERE));
        }
    }

    @Test
    void closedPortFailsWithinTheConnectionTimeout() {
        String closedPort = "jdbc:postgresql://127.0.0.1:1/bridge?user=bridge";
        try (HikariDataSource down = LedgerSettings.pool(closedPort, "", "", 2)) {
            JdbcTaskLedger ledger = new JdbcTaskLedger(down, table, "a", LEASE, clock);
            long start = System.nanoTime();
            assertThatThrownBy(() -> ledger.claim(token())).isInstanceOf(TaskLedgerException.class)
                    .hasMessageContaining("refused");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? fallback : value;
    }
}
