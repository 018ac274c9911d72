package io.sfntaskbridge.testsupport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A small client of Toxiproxy's HTTP API (v2.5.0), for fault-injection tests: TCP proxies between the runtime and what
 * it talks to, and "toxics" on them (latency, stalled or reset connections, cut-off data). A disabled proxy refuses
 * connections, which is how "AWS is unreachable" looks to the runtime.
 * <p>
 * The server runs outside the tests ({@code scripts/toxiproxy.sh start}, or {@code scripts/test.sh}, which starts one);
 * its API is {@value #URL_VARIABLE} (environment variable or system property), else {@value #DEFAULT_URL}. The server is
 * shared by everything on this machine, so give proxies unique names (e.g. {@link LocalStack#uniqueName}) and delete
 * them when done. Faults are set on the {@link FaultProxy} that {@code createProxy} returns.
 */
public final class Toxiproxy {

    public static final String URL_VARIABLE = "TOXIPROXY_URL";
    public static final String DEFAULT_URL = "http://127.0.0.1:8474";

    /** Which direction a toxic acts on: UPSTREAM is client to server (requests), DOWNSTREAM server to client. */
    public enum Stream { UPSTREAM, DOWNSTREAM }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public Toxiproxy(URI api) {
        this.api = api;
    }

    /** The server named by {@value #URL_VARIABLE}, or {@value #DEFAULT_URL}. */
    public static Toxiproxy fromEnvironment() {
        String configured = System.getProperty(URL_VARIABLE, System.getenv(URL_VARIABLE));
        return new Toxiproxy(URI.create(configured == null || configured.isBlank() ? DEFAULT_URL : configured.strip()));
    }

    public URI api() {
        return api;
    }

    /** The server's version; fails with instructions when no Toxiproxy answers. */
    public String version() {
        return call("GET", "/version", null).strip();
    }

    /** A proxy listening on an ephemeral port of 127.0.0.1; see {@link #createProxy(String, int, String)}. */
    public FaultProxy createProxy(String name, String upstreamHostPort) {
        return createProxy(name, 0, upstreamHostPort);
    }

    /** A proxy in front of an HTTP(S) endpoint such as {@link LocalStack#endpoint()}: its host and port. */
    public FaultProxy createProxy(String name, URI upstream) {
        int port = upstream.getPort() != -1 ? upstream.getPort() : "https".equals(upstream.getScheme()) ? 443 : 80;
        return createProxy(name, 0, upstream.getHost() + ":" + port);
    }

    /**
     * Creates an enabled proxy on 127.0.0.1:{@code listenPort} (0: any free port) that forwards to
     * {@code upstreamHostPort}. A proxy of the same name is replaced.
     *
     * @return the proxy, with the port it actually listens on
     */
    public FaultProxy createProxy(String name, int listenPort, String upstreamHostPort) {
        deleteProxy(name);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("listen", "127.0.0.1:" + listenPort);
        body.put("upstream", upstreamHostPort);
        body.put("enabled", true);
        JsonNode created = parse(call("POST", "/proxies", body));
        String listen = created.path("listen").asText();
        return new FaultProxy(this, name, Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1)), upstreamHostPort);
    }

    /** Deletes the proxy (closing its connections); nothing happens when there is none of that name. */
    public void deleteProxy(String name) {
        send("DELETE", "/proxies/" + name, null, true);
    }

    /** Enables every proxy and removes every toxic, on the whole (shared) server. */
    public void reset() {
        call("POST", "/reset", null);
    }

    String call(String method, String path, Object body) {
        return send(method, path, body, false);
    }

    private String send(String method, String path, Object body, boolean notFoundIsFine) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpTimeoutException e) {
            throw new IllegalStateException("Toxiproxy is not running at " + api + " (" + e + "). Start it with "
                                            + "'scripts/toxiproxy.sh start' and re-run, or run the tests with "
                                            + "'scripts/test.sh', which does that for you.", e);
        } catch (IOException e) {
            throw new IllegalStateException("Toxiproxy at " + api + ": " + method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling Toxiproxy: " + method + " " + path, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2 && !(notFoundIsFine && status == 404)) {
            throw new IllegalStateException("Toxiproxy at " + api + " refused " + method + " " + path + " "
                                            + (body == null ? "" : body) + ": HTTP " + status + " " + response.body());
        }
        return response.body();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Toxiproxy answered with something that is not JSON: " + json, e);
        }
    }
}
