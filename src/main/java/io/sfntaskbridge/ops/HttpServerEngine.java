package io.sfntaskbridge.ops;

import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;

/**
 * The platform-http engine of the runtime's HTTP routes ({@code POST /executions}), pinned to the server on
 * {@code bridge.http.port}. With the management server on a port of its own there are two Vert.x servers, and Camel's
 * engine, which looks its server up by type, no longer finds a single one: it falls back to port 8080 and the route
 * fails to start ("No PlatformHttpEngine created and setup in registry with name: platform-http-router-8080").
 * Set by {@code camel.component.platform-http.engine} in {@code config/application.properties}.
 */
public class HttpServerEngine extends VertxPlatformHttpEngine {

    private final int port;

    public HttpServerEngine(int port) {
        this.port = port;
    }

    @Override
    public int getServerPort() {
        return port;
    }
}
