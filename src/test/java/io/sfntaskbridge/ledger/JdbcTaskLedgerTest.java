package io.sfntaskbridge.ledger;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import com.zaxxer.hikari.HikariDataSource;
import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.task.TaskClaim.Status;
import io.sfntaskbridge.task.TaskTokens;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ledger contract on the default database, an embedded H2 file; plus the configuration around it. */
class JdbcTaskLedgerTest extends TaskLedgerContract {

    @TempDir
    Path dir;

    @Override
    HikariDataSource openDatabase() {
        return LedgerSettings.pool("jdbc:h2:file:" + dir.resolve("task-ledger"), "", "", 10);
    }

    @Test
    void aDeferredCloseThatCannotBeWrittenStaysPendingAndFlushNeverThrows() throws Exception {
        JdbcTaskLedger deferring = new JdbcTaskLedger(dataSource, table, "a", LEASE, clock, true);
        String token = token();
        deferring.claim(token);
        deferring.close(TaskTokens.hash(token), SfnTaskOutcome.SUCCEEDED);
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("ALTER TABLE " + table + " RENAME TO " + table + "_away");
            deferring.flush();
            sql.execute("ALTER TABLE " + table + "_away RENAME TO " + table);
        }
        assertThat(deferring.claim(token).status()).as("still closed for this instance").isEqualTo(Status.CLOSED);
        assertThat(ledger("b").claim(token).status()).as("not written yet").isEqualTo(Status.HELD_ELSEWHERE);

        deferring.flush();

        assertThat(ledger("b").claim(token).status()).isEqualTo(Status.CLOSED);
    }

    @Test
    void tableNameMustBeAPlainIdentifier() {
        assertThatThrownBy(() -> new JdbcTaskLedger(dataSource, "ledger; DROP TABLE x", "a", LEASE, clock))
                .hasMessageContaining("not a plain SQL identifier");
        assertThatThrownBy(() -> new LedgerSchema(dataSource, "1ledger")).hasMessageContaining("'1ledger'");
    }

    @Test
    void passwordNeverAppearsInAUrlOfAMessage() {
        assertThat(LedgerSchema.redact("jdbc:postgresql://db:5432/bridge?user=bridge&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/bridge?user=bridge&password=***&ssl=true");
        assertThat(LedgerSchema.redact("jdbc:postgresql://bridge:s3cret@db/bridge"))
                .isEqualTo("jdbc:postgresql://bridge:***@db/bridge");
    }

    @Test
    void configurationBindsALedgerInTheConfiguredFolder() throws Exception {
        Path folder = dir.resolve("nested/ledger");
        try (CamelContext context = context(folder, "true")) {
            LedgerConfiguration configuration = new LedgerConfiguration();
            configuration.setCamelContext(context);
            PluginHelper.getBeanPostProcessor(context).postProcessBeforeInitialization(configuration, "ledger");
            JdbcTaskLedger ledger = context.getRegistry().lookupByNameAndType("taskLedger", JdbcTaskLedger.class);
            assertThat(ledger.claim(token()).status()).isEqualTo(Status.CLAIMED);
            assertThat(configuration.instanceId()).endsWith("-" + ProcessHandle.current().pid());
            assertThat(Files.exists(folder.resolve("task-ledger.mv.db"))).isTrue();
            context.getRegistry().lookupByNameAndType("ledgerDataSource", HikariDataSource.class).close();
        }
    }

    @Test
    void missingTableStopsTheStartupWhenTheSchemaIsNotCreated() throws Exception {
        try (CamelContext context = context(dir.resolve("empty"), "false")) {
            LedgerConfiguration configuration = new LedgerConfiguration();
            configuration.setCamelContext(context);
            assertThatThrownBy(() -> PluginHelper.getBeanPostProcessor(context)
                    .postProcessBeforeInitialization(configuration, "ledger"))
                    .rootCause()
                    .hasMessageContaining("task ledger table sfn_task_ledger does not exist in jdbc:h2:file:")
                    .hasMessageContaining("provision").hasMessageNotContaining("\n");
            LedgerSettings provisioning = new LedgerSettings();
            PluginHelper.getBeanPostProcessor(context).postProcessBeforeInitialization(provisioning, "settings");
            assertThat(provisioning.provisionSchema()).startsWith("task ledger").contains("created sfn_task_ledger");
            assertThat(provisioning.provisionSchema()).contains("exists  sfn_task_ledger");
        }
    }

    @Test
    void unreachableDatabaseFailsFastWithOneLine() {
        String closedPort = "jdbc:postgresql://127.0.0.1:1/bridge";
        try (HikariDataSource down = LedgerSettings.pool(closedPort, "bridge", "", 2)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> new LedgerSchema(down, "sfn_task_ledger").verify())
                    .hasMessageStartingWith(
                            "task ledger database jdbc:postgresql://127.0.0.1:1/bridge is not reachable")
                    .hasMessageContaining("refused").hasMessageNotContaining("\n");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void provisionOnTheEmbeddedDatabaseMakesNoSlotTableSinceNoOtherInstanceCouldShareIt() throws Exception {
        try (CamelContext context = context(dir.resolve("slots"), "false")) {
            LedgerSettings provisioning = new LedgerSettings();
            PluginHelper.getBeanPostProcessor(context).postProcessBeforeInitialization(provisioning, "settings");
            assertThat(provisioning.provisionSchema().lines()).singleElement().asString().startsWith("task ledger");
        }
    }

    private static CamelContext context(Path folder, String createSchema) {
        CamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.setProperty("bridge.ledger.dir", folder.toString());
        properties.setProperty("bridge.ledger.create-schema", createSchema);
        context.getPropertiesComponent().setOverrideProperties(properties);
        return context;
    }
}
