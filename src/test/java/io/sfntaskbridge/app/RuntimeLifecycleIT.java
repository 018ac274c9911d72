package io.sfntaskbridge.app;

import java.nio.file.Path;
import java.time.Duration;

import io.sfntaskbridge.testsupport.LocalStack;
import io.sfntaskbridge.testsupport.RuntimeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real runtime against the emulator, from start to SIGINT: it must say what it is wired to, and stop gracefully.
 */
class RuntimeLifecycleIT {

    private static final String REGION_OVERRIDE = "eu-west-2";

    @TempDir
    Path workDir;

    private RuntimeProcess bridge;

    @AfterEach
    void killLeftovers() {
        if (bridge != null) {
            bridge.destroy();
        }
    }

    @Test
    void startsWithRepoConfigLogsItsWiringAndShutsDownGracefullyOnSigint() throws Exception {
        String endpoint = LocalStack.endpoint().toString();
        bridge = RuntimeProcess.in(workDir)
                .route("first.camel.yaml", route("first"))
                .route("second.camel.yaml", route("second"))
                .env("BRIDGE_AWS_ENDPOINT", endpoint)
                // the repo's config says us-east-1 (unless AWS_REGION is set, which the process does not inherit)
                .env("BRIDGE_AWS_REGION", REGION_OVERRIDE)
                .start();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .failFast("the runtime exited during startup", () -> !bridge.isAlive())
                .until(() -> bridge.stdout().contains("Loaded file:routes/second.camel.yaml"));
        String startup = bridge.stdout();
        assertThat(startup)
                .contains("Apache Camel 4.17.0 (sfn-task-bridge) started in")
                .contains("Config file: " + workDir.toRealPath().resolve("config/application.properties"))
                .contains("AWS region: " + REGION_OVERRIDE + ", endpoint: " + endpoint)
                .contains("Loaded file:routes/first.camel.yaml -> routes [first]")
                .contains("Loaded file:routes/second.camel.yaml -> routes [second]")
                // camel-main's property summaries only at DEBUG, and no commons-logging warning
                .doesNotContain("Auto-configuration summary")
                .doesNotContain("Property-placeholders summary")
                .doesNotContain("Commons Logging");

        bridge.signal("INT");

        int exitCode = bridge.waitForExit(30);
        String log = bridge.stdout();
        // The runtime handles SIGINT and SIGTERM itself: drain, stop Camel, exit 0 (not 130 or 143, which service
        // managers read as a failure).
        assertThat(exitCode).as("exit code; log:%n%s", log).isZero();
        assertThat(log)
                .contains("Apache Camel 4.17.0 (sfn-task-bridge) is shutting down")
                .contains("Stopped first (timer://first)")
                .contains("Stopped second (timer://second)")
                .containsPattern("Apache Camel 4\\.17\\.0 \\(sfn-task-bridge\\) shutdown in \\d+ms")
                .doesNotContain("ERROR")
                .doesNotMatch(RuntimeProcess.STACK_FRAME);
        assertThat(bridge.stderrLines()).isEmpty();
    }

    private static String route(String id) {
        return """
                - route:
                    id: %1$s
                    from:
                      uri: timer:%1$s
                      parameters:
                        period: 60000
                      steps:
                        - log: "%1$s"
                """.formatted(id);
    }
}
