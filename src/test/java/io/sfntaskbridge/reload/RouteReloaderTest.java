package io.sfntaskbridge.reload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.camel.ServiceStatus;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Live route edits on a real CamelContext and a real folder: applied when valid, refused with the old routes kept. */
class RouteReloaderTest {

    @TempDir
    Path routes;

    private DefaultCamelContext context;
    private final RouteReloads reloads = new RouteReloads();
    private final Client client = new Client();

    /** Stands in for the runtime's AWS clients and pools, which the registry closes when its context stops. */
    public static final class Client {
        volatile boolean closed;

        public void close() {
            closed = true;
        }
    }

    @BeforeEach
    void start() throws Exception {
        write("a.camel.yaml", timerRoute("a", "first"));
        write("b.camel.yaml", timerRoute("b", "kept"));
        context = new DefaultCamelContext();
        context.setSourceLocationEnabled(true);
        context.getPropertiesComponent().addInitialProperty("known.key", "60000");
        context.getRegistry().bind("knownBean", new Object());
        context.getRegistry().bind("client", Client.class, client, null, "close");
        context.start();
        for (String file : new String[] {"a.camel.yaml", "b.camel.yaml"}) {
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    ResourceHelper.resolveResource(context, "file:" + routes.resolve(file)));
        }
        context.addService(new RouteReloader(context, routes, "*.yaml", Duration.ofMillis(300), 5, reloads,
                OneLineFailure::describe));
        Thread.sleep(300); // the watcher registers on start; give the thread a moment to block on it
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private void write(String file, String yaml) throws Exception {
        Files.writeString(routes.resolve(file), yaml);
    }

    private static String timerRoute(String id, String message) {
        return """
                - route:
                    id: %s
                    from:
                      uri: "timer:%1$s?period={{known.key}}"
                      steps:
                        - log: "%s"
                """.formatted(id, message);
    }

    private String logMessageOf(String routeId) {
        return context.getRoute(routeId).getEndpoint() == null ? null
                : context.getRouteDefinition(routeId).getOutputs().get(0).toString();
    }

    @Test
    void validEditReplacesTheRoutesOfThatFileOnly() throws Exception {
        write("a.camel.yaml", timerRoute("a", "second"));

        await().atMost(Duration.ofSeconds(10)).until(() -> reloads.appliedCount() == 1);
        assertThat(logMessageOf("a")).contains("second");
        assertThat(client.closed).as("validating in a scratch context leaves the running beans open").isFalse();
        assertThat(context.getRouteController().getRouteStatus("a")).isEqualTo(ServiceStatus.Started);
        assertThat(reloads.last().summary()).contains("changed [a]").contains("added []").contains("removed []");
        assertThat(reloads.isRefused()).isFalse();
    }

    @Test
    void addedAndRemovedFilesAddAndRemoveTheirRoutes() throws Exception {
        write("c.camel.yaml", timerRoute("c", "new"));
        await().atMost(Duration.ofSeconds(10)).until(() -> context.getRoute("c") != null);

        Files.delete(routes.resolve("b.camel.yaml"));
        await().atMost(Duration.ofSeconds(10)).until(() -> context.getRoute("b") == null);
        assertThat(reloads.last().summary()).contains("removed [b]");
        assertThat(context.getRoute("a")).isNotNull();
    }

    @Test
    void fileThatIsNotYamlIsRefusedWithItsNameAndLineAndNothingChanges() throws Exception {
        write("a.camel.yaml", "- route:\n    id: a\n    from: [unclosed\n");

        await().atMost(Duration.ofSeconds(10)).until(() -> reloads.refusedCount() == 1);
        assertThat(reloads.isRefused()).isTrue();
        assertThat(reloads.last().summary()).contains("a.camel.yaml").containsPattern("line \\d+");
        assertThat(logMessageOf("a")).contains("first");
        assertThat(context.getRouteController().getRouteStatus("a")).isEqualTo(ServiceStatus.Started);

        write("a.camel.yaml", timerRoute("a", "fixed"));
        await().atMost(Duration.ofSeconds(10)).until(() -> reloads.appliedCount() == 1);
        assertThat(reloads.isRefused()).isFalse();
    }

    @Test
    void unknownSchemeMissingBeanAndUnresolvablePlaceholderAreRefused() throws Exception {
        String[] broken = {
            timerRoute("a", "x").replace("timer:", "nosuchscheme:"),
            timerRoute("a", "x").replace("- log: \"x\"", "- bean:\n            ref: missingBean"),
            timerRoute("a", "x").replace("known.key", "unknown.key")};
        String[] expected = {"nosuchscheme", "missingBean", "unknown.key"};
        for (int i = 0; i < broken.length; i++) {
            write("a.camel.yaml", broken[i]);
            long refused = i + 1;
            await().atMost(Duration.ofSeconds(10)).until(() -> reloads.refusedCount() == refused);
            assertThat(reloads.last().summary()).contains(expected[i]).contains("a.camel.yaml").contains("line ");
            assertThat(logMessageOf("a")).contains("first");
        }
        assertThat(reloads.appliedCount()).isZero();
        assertThat(client.closed).isFalse();
        assertThat(context.getRegistry().lookupByName("client")).isSameAs(client);
    }

    @Test
    void kubernetesConfigMapUpdateIsSeenAlthoughTheFileNamesDoNotChange() throws Exception {
        // How a ConfigMap volume looks: x.yaml -> ..data/x.yaml, ..data -> ..<timestamp>/, swapped by a rename.
        Path first = Files.createDirectory(routes.resolve("..v1"));
        Files.writeString(first.resolve("a.camel.yaml"), timerRoute("a", "first"));
        Files.createSymbolicLink(routes.resolve("..data"), first.getFileName());
        Files.delete(routes.resolve("a.camel.yaml"));
        Files.createSymbolicLink(routes.resolve("a.camel.yaml"), Path.of("..data/a.camel.yaml"));
        Thread.sleep(1000);
        long before = reloads.appliedCount();

        Path second = Files.createDirectory(routes.resolve("..v2"));
        Files.writeString(second.resolve("a.camel.yaml"), timerRoute("a", "from the new ConfigMap"));
        Files.createSymbolicLink(routes.resolve("..data_tmp"), second.getFileName());
        Files.move(routes.resolve("..data_tmp"), routes.resolve("..data"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);

        await().atMost(Duration.ofSeconds(10)).until(() -> logMessageOf("a").contains("from the new ConfigMap"));
        assertThat(reloads.appliedCount()).isGreaterThan(before);
    }

    @Test
    void oneSaveOfSeveralWritesIsOneReload() throws Exception {
        for (int i = 0; i < 5; i++) {
            write("a.camel.yaml", timerRoute("a", "write " + i));
            Thread.sleep(50);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> reloads.appliedCount() >= 1);
        Thread.sleep(1000);
        assertThat(reloads.appliedCount()).isEqualTo(1);
        assertThat(logMessageOf("a")).contains("write 4");
    }
}
