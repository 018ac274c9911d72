package io.sfntaskbridge.ops.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfntaskbridge.ops.metrics.BridgeMetrics;
import io.sfntaskbridge.reload.RouteReloads;
import io.sfntaskbridge.ops.WorkerView;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live status page on camel-main's management server, next to {@code /observe/health} and
 * {@code /observe/metrics}: {@value #PATH} (plain HTML whose script reloads the data every few seconds) and
 * {@value #PATH}{@code .json} (the data, {@link StatusReport}). Its routes are added to the management server's own
 * Vert.x router ({@link ManagementHttpServer#getRouter()}), the way camel-micrometer-prometheus adds
 * {@code /observe/metrics}, once the context has started and with it that server. Without a management server
 * ({@code bridge.management.enabled=false}) there is no page.
 */
public final class StatusPage implements StartupListener {

    public static final String PATH = "/observe/status";
    static final int FAILURES_KEPT = 20;
    static final Duration RATE_BUCKET = Duration.ofSeconds(10);
    static final int RATE_BUCKETS = 30;

    private static final Logger LOG = LoggerFactory.getLogger(StatusPage.class);

    private final StatusReport report;
    private final String html;
    private final ObjectMapper json = new ObjectMapper();

    StatusPage(StatusReport report, String html) {
        this.report = report;
        this.html = html;
    }

    /**
     * Sets the page up in {@code camelContext}: the last failures (told by {@code metrics}), the answer-rate sampler
     * (a service of the context) and the HTTP routes (added when the context has started).
     */
    public static void install(CamelContext camelContext, BridgeMetrics metrics) throws Exception {
        Clock clock = Clock.systemUTC();
        RecentFailures failures = new RecentFailures(FAILURES_KEPT, clock);
        metrics.tellFailuresTo(failures);
        AnswerRate rate = new AnswerRate(camelContext, () -> StatusReport.answersSent(metrics.registry()), RATE_BUCKET,
                RATE_BUCKETS);
        camelContext.addService(rate);
        Supplier<RouteReloads> reloads = () -> camelContext.getRegistry().lookupByNameAndType("routeReloads",
                RouteReloads.class);
        StatusReport report = new StatusReport(metrics.registry(), () -> WorkerView.of(camelContext), reloads, rate,
                failures, clock);
        camelContext.addStartupListener(new StatusPage(report, resource("status/index.html")));
    }

    @Override
    public void onCamelContextStarted(CamelContext camelContext, boolean alreadyStarted) {
        ManagementHttpServer server = camelContext.hasService(ManagementHttpServer.class);
        VertxPlatformHttpRouter router = server == null ? null : server.getRouter();
        if (router == null) {
            LOG.debug("No status page: there is no management server (bridge.management.enabled=false)");
            return;
        }
        router.get(PATH).handler(this::page);
        router.get(PATH + ".json").handler(this::data);
        PlatformHttpComponent component = camelContext.getComponent("platform-http", PlatformHttpComponent.class);
        if (component != null) {
            component.addHttpManagementEndpoint(PATH, "GET", null, "text/html", null);
            component.addHttpManagementEndpoint(PATH + ".json", "GET", null, "application/json", null);
        }
        LOG.debug("Status page at {} on the management port {}", PATH, server.getPort());
    }

    private void page(RoutingContext context) {
        context.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-store")
                .end(html);
    }

    private void data(RoutingContext context) {
        String body;
        try {
            body = json.writeValueAsString(report.read());
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("Status page data failed: {}", e.toString());
            context.response().setStatusCode(500).end();
            return;
        }
        context.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(body);
    }

    private static String resource(String name) {
        try (InputStream in = StatusPage.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
