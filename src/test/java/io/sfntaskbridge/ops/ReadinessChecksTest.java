package io.sfntaskbridge.ops;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import io.sfntaskbridge.ops.health.LedgerReadinessCheck;
import io.sfntaskbridge.ops.health.WorkerReadinessCheck;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessChecksTest {

    private final AtomicReference<ServiceStatus> route = new AtomicReference<>(ServiceStatus.Started);
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean receiveFailing = new AtomicBoolean();
    private final WorkerReadinessCheck worker = withContext(new WorkerReadinessCheck("task-worker", route::get,
            draining::get, receiveFailing::get));

    private static <T extends org.apache.camel.impl.health.AbstractHealthCheck> T withContext(T check) {
        check.setCamelContext(new DefaultCamelContext());
        return check;
    }

    @Test
    void bothAreReadinessOnlySoLivenessStaysUp() {
        assertThat(worker.isReadiness()).isTrue();
        assertThat(worker.isLiveness()).isFalse();
        LedgerReadinessCheck ledger = new LedgerReadinessCheck(() -> null);
        assertThat(ledger.isReadiness()).isTrue();
        assertThat(ledger.isLiveness()).isFalse();
    }

    @Test
    void workerIsReadyOnlyWhenStartedNotDrainingAndReceiving() {
        assertThat(worker.call().getState()).isEqualTo(HealthCheck.State.UP);

        route.set(null);
        assertThat(worker.call().getState()).as("no worker route yet").isEqualTo(HealthCheck.State.DOWN);
        route.set(ServiceStatus.Starting);
        assertThat(worker.call().getState()).as("starting").isEqualTo(HealthCheck.State.DOWN);
        route.set(ServiceStatus.Started);

        draining.set(true);
        HealthCheck.Result result = worker.call();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("draining"));
        draining.set(false);

        receiveFailing.set(true);
        result = worker.call();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("ReceiveMessage"));
        receiveFailing.set(false);

        assertThat(worker.call().getState()).as("recovered").isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void ledgerIsReadyWhileItsDatabaseAnswers() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:readiness;DB_CLOSE_DELAY=-1");
        assertThat(withContext(new LedgerReadinessCheck(() -> h2)).call().getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(withContext(new LedgerReadinessCheck(() -> null)).call().getState()).as("no ledger")
                .isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void ledgerIsNotReadyWhenItsDatabaseCannotBeReached() {
        DataSource unreachable = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new SQLException("Connection refused");
                });
        HealthCheck.Result result = withContext(new LedgerReadinessCheck(() -> unreachable)).call();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("Connection refused"));
    }
}
