package io.sfntaskbridge.ops;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import io.sfntaskbridge.ops.health.LedgerReadinessCheck;
import io.sfntaskbridge.ops.health.WorkerReadinessCheck;
import io.sfntaskbridge.worker.TaskPermits;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessChecksTest {

    private final TaskPermits permits = new TaskPermits(5);
    private final WorkerView crm = new WorkerView("crm-worker", "queue crm", ServiceStatus.Started, permits, null, false,
            false, false);
    private final AtomicReference<List<WorkerView>> workers = new AtomicReference<>(List.of());
    private final WorkerReadinessCheck worker = withContext(new WorkerReadinessCheck(workers::get));

    private void erp(ServiceStatus status, boolean draining, boolean receiveFailing, boolean storeFailing) {
        WorkerView erp = new WorkerView("erp-worker", "queue erp", status, status == ServiceStatus.Started ? permits : null,
                null, draining, receiveFailing, storeFailing);
        workers.set(List.of(crm, erp));
    }

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
    void readyOnlyWhenEveryWorkerIsStartedNotDrainingReceivingAndReachingItsLedger() {
        assertThat(worker.call().getState()).as("no worker route at all").isEqualTo(HealthCheck.State.DOWN);

        erp(ServiceStatus.Started, false, false, false);
        HealthCheck.Result ready = worker.call();
        assertThat(ready.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(ready.getDetails()).containsEntry("worker.erp-worker", "ready").containsEntry("worker.crm-worker", "ready");

        erp(ServiceStatus.Starting, false, false, false);
        assertThat(worker.call().getState()).as("starting").isEqualTo(HealthCheck.State.DOWN);

        erp(ServiceStatus.Started, true, false, false);
        HealthCheck.Result result = worker.call();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("erp-worker").contains("draining"));
        assertThat(result.getDetails()).as("the other worker is fine").containsEntry("worker.crm-worker", "ready");

        erp(ServiceStatus.Started, false, true, false);
        result = worker.call();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("ReceiveMessage"));

        erp(ServiceStatus.Started, false, false, true);
        assertThat(worker.call().getMessage()).hasValueSatisfying(m -> assertThat(m).contains("task ledger"));

        erp(ServiceStatus.Started, false, false, false);
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
