package io.sfntaskbridge.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.UUID;

import io.sfntaskbridge.testsupport.RuntimeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad settings of the cap across instances, on the real runtime: a clear line, no stack trace. */
class GlobalCapSettingsIT {

    private static final String POSTGRES = System.getProperty("BRIDGE_TEST_POSTGRES_URL",
            System.getenv().getOrDefault("BRIDGE_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:55432/bridge?user=bridge"));

    @TempDir
    Path workDir;

    private RuntimeProcess bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.destroy();
        }
    }

    @Test
    void globalCapWithoutASharedDatabaseFailsStartupInOneLine() throws Exception {
        bridge = RuntimeProcess.in(workDir).env("BRIDGE_AWS_ENDPOINT", closedPortEndpoint())
                .env("BRIDGE_WORKER_GLOBAL_CONCURRENCY", "6").start();

        assertThat(bridge.waitForExit(60)).isEqualTo(BridgeMain.EXIT_STARTUP_FAILED);
        assertThat(bridge.stderrLines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("sfn-task-bridge: startup failed").contains("bridge.worker.global-concurrency (6)")
                .contains("PostgreSQL").contains("jdbc:h2:file:"));
        assertThat(bridge.stdout() + bridge.stderr()).doesNotMatch(RuntimeProcess.STACK_FRAME);
    }

    @Test
    void globalCapBelowThisInstancesCapIsAWarningAndTheLowerHolds() throws Exception {
        String table = "cap_settings_" + UUID.randomUUID().toString().substring(0, 8);
        bridge = RuntimeProcess.in(workDir).env("BRIDGE_AWS_ENDPOINT", closedPortEndpoint())
                .env("BRIDGE_LEDGER_URL", POSTGRES).env("BRIDGE_LEDGER_TABLE", table)
                .env("BRIDGE_WORKER_CONCURRENCY", "5").env("BRIDGE_WORKER_GLOBAL_CONCURRENCY", "2").start();

        // It then stops at the unreachable AWS endpoint; the warning came before.
        assertThat(bridge.waitForExit(60)).isEqualTo(BridgeMain.EXIT_STARTUP_FAILED);
        assertThat(bridge.stdout().lines().filter(line -> line.contains(" WARN ")).toList()).singleElement()
                .satisfies(line -> assertThat(line).contains("bridge.worker.global-concurrency (2) is below")
                        .contains("bridge.worker.concurrency (5)").contains("the lower one holds"));
        assertThat(bridge.stdout()).contains("Global concurrency: 2 tasks in flight across every instance");
    }

    private static String closedPortEndpoint() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
