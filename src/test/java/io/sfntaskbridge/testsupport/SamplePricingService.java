package io.sfntaskbridge.testsupport;

import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The repo's sample pricing service ({@code samples/pricing}: prices, unknown SKUs, the fault SKUs) on a real WireMock
 * server on a free port. Counts the calls it serves at the same time, so tests can check the bridge's per-system
 * concurrency limit from the server's side.
 */
public final class SamplePricingService implements AutoCloseable {

    private final ConcurrencyProbe probe = new ConcurrencyProbe();
    private final WireMockServer server;

    public SamplePricingService() {
        server = new WireMockServer(options().dynamicPort().usingFilesUnderDirectory("samples/pricing")
                .extensions(probe));
        server.start();
    }

    public String url() {
        return server.baseUrl();
    }

    /** Back to the repo's mappings as loaded: scenarios restarted, journal and the probe cleared. */
    public void reset() {
        server.resetScenarios();
        server.resetRequests();
        probe.holdMillis = 0;
        probe.maxInFlight.set(0);
    }

    /** Makes every call take at least this long, so calls the bridge makes at the same time overlap on the server. */
    public void holdEachCall(int millis) {
        probe.holdMillis = millis;
    }

    /** The most calls this server was serving at one moment since {@link #reset}. */
    public int maxConcurrentCalls() {
        return probe.maxInFlight.get();
    }

    public int callsFor(String sku) {
        return server.countRequestsMatching(getRequestedFor(urlPathEqualTo("/prices/" + sku)).build()).getCount();
    }

    @Override
    public void close() {
        server.stop();
    }

    private static final class ConcurrencyProbe implements ResponseTransformerV2 {

        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger maxInFlight = new AtomicInteger();
        private volatile int holdMillis;

        @Override
        public Response transform(Response response, ServeEvent serveEvent) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(holdMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                // Before the response is written, so the client cannot start its next call before this one ends.
                inFlight.decrementAndGet();
            }
            return response;
        }

        @Override
        public String getName() {
            return "concurrency-probe";
        }
    }
}
