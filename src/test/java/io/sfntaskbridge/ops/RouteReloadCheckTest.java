package io.sfntaskbridge.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.sfntaskbridge.ops.health.RouteReloadCheck;
import io.sfntaskbridge.reload.OneLineFailure;
import io.sfntaskbridge.reload.RouteReloader;
import io.sfntaskbridge.reload.RouteReloads;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A refused route edit shows on the overall health until a valid one follows, without touching the probes. */
class RouteReloadCheckTest {

    @TempDir
    Path routes;

    @Test
    void refusedEditIsDownUntilAValidEditFollows() throws Exception {
        RouteReloads reloads = new RouteReloads();
        RouteReloadCheck check = new RouteReloadCheck(() -> reloads);
        assertThat(check.isLiveness()).isFalse();
        assertThat(check.isReadiness()).isFalse();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.start();
            context.addService(new RouteReloader(context, routes, "*.yaml", Duration.ofMillis(200), 5, reloads,
                    OneLineFailure::describe));
            Thread.sleep(300);
            assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);

            Files.writeString(routes.resolve("bad.camel.yaml"), "- route: [oops");
            await().atMost(Duration.ofSeconds(10)).until(() -> check.call().getState() == HealthCheck.State.DOWN);
            assertThat(check.call().getMessage()).get().asString().contains("bad.camel.yaml");

            Files.writeString(routes.resolve("bad.camel.yaml"), """
                    - route:
                        id: fixed
                        from:
                          uri: timer:fixed?period=60000
                          steps:
                            - log: fixed
                    """);
            await().atMost(Duration.ofSeconds(10)).until(() -> check.call().getState() == HealthCheck.State.UP);
        }
    }
}
