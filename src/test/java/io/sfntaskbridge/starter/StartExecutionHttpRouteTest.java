package io.sfntaskbridge.starter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code bridge.http.enabled} alone switches the HTTP starter: the route, and through the {@code camel.server.*}
 * lines of config/application.properties, the server. Uses the real configuration file with camel-main, as the
 * runtime does, but no YAML routes and no AWS: rejected input never reaches Step Functions.
 */
class StartExecutionHttpRouteTest {

    private final int port = freePort();
    private Main main;

    @AfterEach
    void stop() {
        main.stop();
    }

    @Test
    void enabledServesPostsAndAnswersInvalidInputWith400() throws Exception {
        start(true);

        HttpResponse<String> response = post("\"orders\"");

        assertThat(main.getCamelContext().getRoute("start-execution-http")).isNotNull();
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .isEqualTo("{\"error\":\"input must be a JSON object with an \\\"orders\\\" array, an array of orders or an"
                           + " s3Payload pointer, not a string\"}");
    }

    @Test
    void disabledCreatesNeitherRouteNorServer() throws Exception {
        start(false);

        assertThat(main.getCamelContext().getRoute("start-execution-http")).isNull();
        assertThatThrownBy(() -> post("{\"orders\":[]}")).isInstanceOf(ConnectException.class);
    }

    private void start(boolean httpEnabled) throws Exception {
        main = new Main();
        main.configure().addRoutesBuilder(new StartExecutionHttpRoute());
        main.setPropertyPlaceholderLocations("file:config/application.properties");
        main.addOverrideProperty("camel.main.routes-include-pattern", "classpath:no-yaml-routes/*.yaml");
        main.addOverrideProperty("bridge.http.enabled", Boolean.toString(httpEnabled));
        main.addOverrideProperty("bridge.http.port", Integer.toString(port));
        main.start();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                                                                 + "/executions"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
