package io.sfntaskbridge.testsupport;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One proxy of a {@link Toxiproxy} server (from {@link Toxiproxy#createProxy}); every method acts on the server at once.
 * Point the client under test at {@link #httpUri()} (or {@link #listenPort()}) instead of the upstream.
 * <p>
 * Each toxic method returns the toxic's name (for {@link #removeToxic}) and has an overload taking a toxicity: the
 * share (0..1) of connections it acts on, 1 by default.
 */
public final class FaultProxy {

    private final Toxiproxy server;
    private final String name;
    private final int listenPort;
    private final String upstream;

    FaultProxy(Toxiproxy server, String name, int listenPort, String upstream) {
        this.server = server;
        this.name = name;
        this.listenPort = listenPort;
        this.upstream = upstream;
    }

    public String name() {
        return name;
    }

    public int listenPort() {
        return listenPort;
    }

    public String upstream() {
        return upstream;
    }

    /** {@code http://127.0.0.1:<listen port>}: what the client under test should use instead of the upstream. */
    public URI httpUri() {
        return URI.create("http://127.0.0.1:" + listenPort);
    }

    /** Accepts connections again (after {@link #disable()}). */
    public void enable() {
        server.call("POST", "/proxies/" + name, Map.of("enabled", true));
    }

    /** Closes the listener and every open connection: new connections are refused until {@link #enable()}. */
    public void disable() {
        server.call("POST", "/proxies/" + name, Map.of("enabled", false));
    }

    /** Delays data by {@code latencyMs} +/- {@code jitterMs} on every connection; returns the toxic's name. */
    public String latency(Toxiproxy.Stream stream, long latencyMs, long jitterMs) {
        return latency(stream, latencyMs, jitterMs, 1.0);
    }

    public String latency(Toxiproxy.Stream stream, long latencyMs, long jitterMs, double toxicity) {
        return addToxic("latency", stream, toxicity, Map.of("latency", latencyMs, "jitter", jitterMs));
    }

    /** Stops all data and closes the connection after {@code timeoutMs} (0: never closes, the call hangs). */
    public String timeout(Toxiproxy.Stream stream, long timeoutMs) {
        return timeout(stream, timeoutMs, 1.0);
    }

    public String timeout(Toxiproxy.Stream stream, long timeoutMs, double toxicity) {
        return addToxic("timeout", stream, toxicity, Map.of("timeout", timeoutMs));
    }

    /** Resets the connection (TCP RST) after {@code timeoutMs} (0: at once, when data arrives). */
    public String resetPeer(Toxiproxy.Stream stream, long timeoutMs) {
        return resetPeer(stream, timeoutMs, 1.0);
    }

    public String resetPeer(Toxiproxy.Stream stream, long timeoutMs, double toxicity) {
        return addToxic("reset_peer", stream, toxicity, Map.of("timeout", timeoutMs));
    }

    /** Closes the connection once {@code bytes} have passed: a reply or request cut off mid-way. */
    public String limitData(Toxiproxy.Stream stream, long bytes) {
        return limitData(stream, bytes, 1.0);
    }

    public String limitData(Toxiproxy.Stream stream, long bytes, double toxicity) {
        return addToxic("limit_data", stream, toxicity, Map.of("bytes", bytes));
    }

    /**
     * Adds a toxic named {@code <type>_<stream>} (Toxiproxy's own default; a second one of the same type and stream
     * is refused), acting on a {@code toxicity} share (0..1) of the connections.
     */
    public String addToxic(String type, Toxiproxy.Stream stream, double toxicity, Map<String, ?> attributes) {
        String toxic = type + "_" + stream.name().toLowerCase();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", toxic);
        body.put("type", type);
        body.put("stream", stream.name().toLowerCase());
        body.put("toxicity", toxicity);
        body.put("attributes", attributes);
        server.call("POST", "/proxies/" + name + "/toxics", body);
        return toxic;
    }

    public void removeToxic(String toxic) {
        server.call("DELETE", "/proxies/" + name + "/toxics/" + toxic, null);
    }

    /** Removes every toxic of this proxy. */
    public void removeAllToxics() {
        for (JsonNode toxic : Toxiproxy.parse(server.call("GET", "/proxies/" + name + "/toxics", null))) {
            removeToxic(toxic.path("name").asText());
        }
    }

    public void delete() {
        server.deleteProxy(name);
    }
}

