package io.sfntaskbridge.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import io.sfntaskbridge.testsupport.RuntimeProcess;
import org.junit.jupiter.api.AfterEach;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real runtime, started as its own process with bad input: each problem must end it with a non-zero exit and one
 * line on stderr that names the problem, and no stack trace anywhere. None of these needs the emulator; where the
 * runtime would go on to check AWS, the endpoint is a closed port.
 */
class BridgeMainStartupTest {

    private static final String GOOD_ROUTE = """
            - route:
                id: tick
                from:
                  uri: timer:tick
                  parameters:
                    period: 60000
                  steps:
                    - log: "tick"
            """;

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
    void missingConfigFileExitsWithUsageCodeAndNamesThePath() throws Exception {
        bridge = RuntimeProcess.in(workDir).start("--config", "config/absent.properties");

        assertThat(bridge.waitForExit(30)).isEqualTo(BridgeMain.EXIT_USAGE);
        assertOneErrorLine("config file not found: " + workDir.toRealPath().resolve("config/absent.properties"));
    }

    @Test
    void missingConfigFileNamedByEnvironmentExitsWithUsageCode() throws Exception {
        bridge = RuntimeProcess.in(workDir).env("BRIDGE_CONFIG", "elsewhere/bridge.properties").start();

        assertThat(bridge.waitForExit(30)).isEqualTo(BridgeMain.EXIT_USAGE);
        assertOneErrorLine("config file not found: ", "elsewhere/bridge.properties", "BRIDGE_CONFIG");
    }

    @Test
    void routeFileThatIsNotYamlFailsStartupNamingTheFileAndLine() throws Exception {
        bridge = RuntimeProcess.in(workDir)
                .route("tick.camel.yaml", GOOD_ROUTE)
                .route("broken.camel.yaml", """
                        - route:
                            id: broken
                            from:
                              uri: timer:broken
                           steps: [
                        """)
                .env("BRIDGE_AWS_ENDPOINT", closedPortEndpoint())
                .start();

        assertThat(bridge.waitForExit(60)).isEqualTo(BridgeMain.EXIT_STARTUP_FAILED);
        assertOneErrorLine("startup failed", "routes/broken.camel.yaml", "line 5");
    }

    @Test
    void yamlThatIsNotARouteFailsStartupNamingTheFileAndTheUnknownKey() throws Exception {
        bridge = RuntimeProcess.in(workDir)
                .route("tick.camel.yaml", GOOD_ROUTE)
                .route("unknown-eip.camel.yaml", """
                        - route:
                            id: unknown-eip
                            from:
                              uri: timer:unknown
                              steps:
                                - frobnicate: "orders"
                        """)
                .env("BRIDGE_AWS_ENDPOINT", closedPortEndpoint())
                .start();

        assertThat(bridge.waitForExit(60)).isEqualTo(BridgeMain.EXIT_STARTUP_FAILED);
        assertOneErrorLine("startup failed", "frobnicate", "routes/unknown-eip.camel.yaml", "line 6");
    }

    @Test
    void unreachableAwsEndpointFailsStartupNamingTheEndpoint() throws Exception {
        String endpoint = closedPortEndpoint();
        bridge = RuntimeProcess.in(workDir)
                .route("tick.camel.yaml", GOOD_ROUTE)
                .env("BRIDGE_AWS_ENDPOINT", endpoint)
                .start();

        assertThat(bridge.waitForExit(60)).isEqualTo(BridgeMain.EXIT_STARTUP_FAILED);
        assertOneErrorLine("startup failed", "AWS endpoint " + endpoint + " ", "not usable", "Connection refused");
        assertThat(bridge.stdout()).doesNotContain("(sfn-task-bridge) started");
    }

    @Test
    void oneSettingSwitchesTheLogToOneJsonObjectPerLine() throws Exception {
        bridge = RuntimeProcess.in(workDir)
                .route("tick.camel.yaml", GOOD_ROUTE)
                .env("BRIDGE_AWS_ENDPOINT", closedPortEndpoint())
                .env("BRIDGE_LOG_FORMAT", "json")
                .start();

        assertThat(bridge.waitForExit(60)).isEqualTo(BridgeMain.EXIT_STARTUP_FAILED);
        List<String> lines = bridge.stdout().lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).hasSizeGreaterThan(2);
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode event = json.readTree(line);
            assertThat(event.path("log.level").asText()).as(line).isNotEmpty();
            assertThat(event.path("message").asText()).as(line).isNotEmpty();
            assertThat(event.path("@timestamp").asText()).as(line).isNotEmpty();
        }
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("Properties location"));
    }

    private void assertOneErrorLine(String... fragments) {
        String stdout = bridge.stdout();
        String stderr = bridge.stderr();
        assertThat(bridge.stderrLines()).as("stderr lines (stdout was:%n%s)", stdout).singleElement()
                .satisfies(line -> assertThat(line).startsWith("sfn-task-bridge: ").contains(fragments));
        assertThat(stdout).as("stdout").doesNotMatch(RuntimeProcess.STACK_FRAME);
        assertThat(stderr).as("stderr").doesNotMatch(RuntimeProcess.STACK_FRAME);
    }

    /** An endpoint nothing listens on: a port the OS just handed out and took back. */
    private static String closedPortEndpoint() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
