package io.sfntaskbridge.ops;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfntaskbridge.task.TaskTokens;
import io.sfntaskbridge.testsupport.CountingBackend;
import io.sfntaskbridge.testsupport.HeadlessChromium;
import io.sfntaskbridge.testsupport.LocalStack;
import io.sfntaskbridge.testsupport.RuntimeProcess;
import io.sfntaskbridge.testsupport.TaskWorkflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The status page of the real runtime, as Chromium (headless) shows it after its script ran: tasks in flight against
 * the cap, the SUCCEEDED count equal to the tasks answered, the failure's error and token fingerprint (never the
 * token), the answers of the rate window, the DLQ holding the unanswerable message, and the refused route edit.
 * Saves a screenshot to {@code target/status-page.png} (the README's is a copy of one).
 */
class StatusPageIT {

    private static final int TASKS = 5;
    private static final int CONCURRENCY = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The start of a table row of the worker's, as the page marks it. */
    private static final String ROW = "<tr data-route=\"task-worker\" ";

    @TempDir
    Path workDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private CountingBackend backend;
    private RuntimeProcess runtime;

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.destroy();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void showsInFlightRateOutcomesFailuresQueuesAndTheLastReload() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.find(workDir.resolve("chromium"));
        TaskWorkflow workflow = TaskWorkflow.create("status", 120, 600, 5);
        String name = workflow.queueName();
        String queueUrl = workflow.queueUrl();
        String machine = workflow.stateMachineArn();
        backend = CountingBackend.start();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        runtime = RuntimeProcess.in(workDir.resolve("runtime"))
                .repoRoutes("task-worker.camel.yaml", "error-handling.camel.yaml")
                .route(Path.of("src/test/resources/faults/enrich-order-backend.camel.yaml"))
                .env("BRIDGE_AWS_REGION", LocalStack.REGION)
                .env("BRIDGE_AWS_ENDPOINT", LocalStack.endpoint().toString())
                .env("BRIDGE_WORKER_QUEUE_NAME", name)
                .env("BRIDGE_WORKER_DLQ_NAME", name + "-dlq")
                .env("BRIDGE_WORKER_WAIT_TIME_SECONDS", "1")
                .env("BRIDGE_WORKER_CONCURRENCY", Integer.toString(CONCURRENCY))
                .env("BRIDGE_TEST_BACKEND_URL", backend.url())
                .env("BRIDGE_MANAGEMENT_PORT", Integer.toString(port))
                .env("BRIDGE_MANAGEMENT_QUEUE_SAMPLE_SECONDS", "1");
        runtime.start();
        runtime.awaitLine("Apache Camel .* started in", Duration.ofSeconds(60));
        URI status = URI.create("http://127.0.0.1:" + port + "/observe/status");
        await().atMost(Duration.ofSeconds(20)).until(() -> get(URI.create(status + ".json")).statusCode() == 200);

        // TASKS tasks that succeed, one the backend refuses (no taskId: 400, Bridge.TaskFailed), one unanswerable message.
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            String input = "{\"taskId\": \"status-" + i + "\", \"sleepMs\": 300}";
            arns.add(LocalStack.sfn().startExecution(r -> r.stateMachineArn(machine).input(input)).executionArn());
        }
        String failing = LocalStack.sfn().startExecution(r -> r.stateMachineArn(machine).input("{\"noTaskId\": 1}"))
                .executionArn();
        LocalStack.sqs().sendMessage(r -> r.queueUrl(queueUrl).messageBody("not a task envelope"));
        for (String arn : arns) {
            assertThat(ended(arn)).isEqualTo(ExecutionStatus.SUCCEEDED);
        }
        assertThat(ended(failing)).isEqualTo(ExecutionStatus.FAILED);
        String failingToken = taskToken(failing);

        // A route edit the runtime refuses: the page shows the refusal and the file.
        Files.writeString(runtime.workDir().resolve("routes/broken.camel.yaml"), "- route:\n    from: [not valid\n");
        runtime.awaitLine("Route edit refused", Duration.ofSeconds(30));

        // Wait until the rate window (10 s buckets) and the queue sample hold everything, then look at the page.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode data = JSON.readTree(get(URI.create(status + ".json")).body());
            assertThat(data.path("rate").path("answers").asInt()).isEqualTo(TASKS + 1);
            JsonNode queues = data.path("queues").get(0);
            assertThat(queues.path("route").asText()).isEqualTo("task-worker");
            assertThat(queues.path("dlq").path("visible").asInt()).isEqualTo(1);
            assertThat(queues.path("work").path("visible").isNumber()).isTrue();
        });
        String dom = chromium.dumpDom(status);
        assertThat(chromium.dumpDom(URI.create(status + "/"))).as("with a trailing slash too")
                .containsPattern("id=\"answered\">" + (TASKS + 1) + "<");

        assertThat(dom).contains("sfn-task-bridge status").doesNotContain("loading…")
                .containsPattern("id=\"in-flight\">0<").containsPattern("id=\"in-flight-limit\">" + CONCURRENCY + "<")
                .containsPattern(ROW + "data-outcome=\"SUCCEEDED\" data-error=\"none\">.*?<td class=\"num\">" + TASKS
                                 + "</td>")
                .containsPattern(ROW + "data-outcome=\"FAILED\" data-error=\"Bridge.TaskFailed\">.*?<td class=\"num\">1</td>")
                .containsPattern(ROW.trim() + "><td>task-worker</td><td class=\"qname\">queue " + name + "</td><td class=\"num\">0"
                                 + "</td><td class=\"num\">" + CONCURRENCY + "</td>")
                .containsPattern("id=\"answered\">" + (TASKS + 1) + "<")
                .containsPattern("id=\"rate-answers\">" + (TASKS + 1) + "<")
                .contains("id=\"rate-axis-start\">5 min ago<")
                .containsPattern(ROW + "data-queue=\"work\"><td>task-worker</td><td class=\"qname\">work " + name
                                 + "</td><td class=\"num\">0<")
                .containsPattern(ROW + "data-queue=\"dlq\"><td></td><td class=\"qname\">DLQ " + name
                                 + "-dlq</td><td class=\"num\">1<")
                .containsPattern("id=\"reload-state\" class=\"refused\">refused<")
                .containsPattern("id=\"reload-files\">[^<]*broken.camel.yaml<");
        String failures = dom.substring(dom.indexOf("id=\"failures\""));
        assertThat(failures).contains(TaskTokens.fingerprint(failingToken)).contains(">Bridge.TaskFailed<")
                .contains("<td>task-worker</td>")
                .containsPattern("class=\"cause\">[^<]*400");
        assertThat(dom).as("never the whole token").doesNotContain(failingToken)
                .as("never a task body").doesNotContain("noTaskId");

        Path png = Path.of("target/status-page.png");
        chromium.screenshot(status, png);
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isBetween(10_000, 200_000);
        assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    /** The token Step Functions put in the failing task's message: its TaskScheduled event's parameters hold it. */
    private static String taskToken(String executionArn) throws Exception {
        for (HistoryEvent event : LocalStack.sfn().getExecutionHistory(r -> r.executionArn(executionArn)).events()) {
            if (event.taskScheduledEventDetails() != null) {
                String token = JSON.readTree(event.taskScheduledEventDetails().parameters())
                        .path("MessageBody").path("taskToken").asText("");
                assertThat(token).as("task token in the history").isNotBlank();
                return token;
            }
        }
        throw new AssertionError("no TaskScheduled event in the history of " + executionArn);
    }

    private static ExecutionStatus ended(String arn) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> LocalStack.sfn().describeExecution(r -> r.executionArn(arn)).status(),
                        s -> s != ExecutionStatus.RUNNING);
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
