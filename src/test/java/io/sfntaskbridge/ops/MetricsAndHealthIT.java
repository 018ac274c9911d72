package io.sfntaskbridge.ops;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sfntaskbridge.testsupport.CountingBackend;
import io.sfntaskbridge.testsupport.FaultProxy;
import io.sfntaskbridge.testsupport.LocalStack;
import io.sfntaskbridge.testsupport.RuntimeProcess;
import io.sfntaskbridge.testsupport.TaskWorkflow;
import io.sfntaskbridge.testsupport.Toxiproxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real runtime with its management port: counters on /observe/metrics match the tasks it ran and their outcomes,
 * and readiness on /observe/health/ready follows the worker: UP after start, DOWN while SQS is unreachable (liveness
 * UP), UP again after, DOWN while it drains a long task on SIGTERM.
 */
class MetricsAndHealthIT {

    private static final int TASKS = 6;

    @TempDir
    Path workDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private CountingBackend backend;
    private FaultProxy sqsProxy;
    private RuntimeProcess runtime;

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.destroy();
        }
        if (sqsProxy != null) {
            sqsProxy.delete();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void countsWhatItDidAndIsReadyOnlyWhenItCanWork() throws Exception {
        TaskWorkflow workflow = TaskWorkflow.create("ops", 120, 600, 5);
        String name = workflow.queueName();
        String machine = workflow.stateMachineArn();
        backend = CountingBackend.start();
        sqsProxy = Toxiproxy.fromEnvironment().createProxy(name + "-sqs", LocalStack.endpoint());
        int port = freePort();

        runtime = RuntimeProcess.in(workDir.resolve("runtime"))
                .repoRoutes("task-worker.camel.yaml", "error-handling.camel.yaml")
                .route(Path.of("src/test/resources/faults/enrich-order-backend.camel.yaml"))
                .env("BRIDGE_AWS_REGION", LocalStack.REGION)
                .env("BRIDGE_AWS_ENDPOINT", LocalStack.endpoint().toString())
                .env("BRIDGE_AWS_SQS_ENDPOINT", sqsProxy.httpUri().toString())
                .env("BRIDGE_AWS_API_CALL_TIMEOUT_SECONDS", "10")
                .env("BRIDGE_WORKER_QUEUE_NAME", name)
                .env("BRIDGE_WORKER_DLQ_NAME", name + "-dlq")
                .env("BRIDGE_WORKER_WAIT_TIME_SECONDS", "1")
                .env("BRIDGE_WORKER_CONCURRENCY", "4")
                .env("BRIDGE_WORKER_DRAIN_TIMEOUT_SECONDS", "5")
                .env("BRIDGE_TEST_BACKEND_URL", backend.url())
                .env("BRIDGE_MANAGEMENT_PORT", Integer.toString(port))
                .env("BRIDGE_MANAGEMENT_QUEUE_SAMPLE_SECONDS", "1");
        runtime.start();
        runtime.awaitLine("Apache Camel .* started in", Duration.ofSeconds(60));
        URI base = URI.create("http://127.0.0.1:" + port);

        // Ready once started.
        await().atMost(Duration.ofSeconds(20)).until(() -> status(base.resolve("/observe/health/ready")) == 200);
        assertThat(get(base.resolve("/observe/health/ready")).body()).contains("UP");

        // N tasks that succeed and one that the backend refuses (no taskId: 400), which fails as Bridge.TaskFailed.
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            String input = "{\"taskId\": \"ops-" + i + "\", \"sleepMs\": 200}";
            arns.add(LocalStack.sfn().startExecution(r -> r.stateMachineArn(machine).input(input)).executionArn());
        }
        String failing = LocalStack.sfn().startExecution(r -> r.stateMachineArn(machine).input("{\"noTaskId\": 1}"))
                .executionArn();
        for (String arn : arns) {
            assertThat(ended(arn)).isEqualTo(ExecutionStatus.SUCCEEDED);
        }
        assertThat(ended(failing)).isEqualTo(ExecutionStatus.FAILED);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = get(base.resolve("/observe/metrics")).body();
            assertThat(value(metrics, "sfn_bridge_tasks_received_total{routeId=\"task-worker\"}")).isEqualTo(TASKS + 1);
            assertThat(value(metrics, "sfn_bridge_tasks_answered_total{error=\"none\",outcome=\"SUCCEEDED\",routeId=\"task-worker\"}"))
                    .isEqualTo(TASKS);
            assertThat(value(metrics, "sfn_bridge_tasks_answered_total{error=\"Bridge.TaskFailed\",outcome=\"FAILED\",routeId=\"task-worker\"}"))
                    .isEqualTo(1);
            assertThat(value(metrics, "sfn_bridge_ledger_claims_total{routeId=\"task-worker\",status=\"CLAIMED\"}")).isEqualTo(TASKS + 1);
            assertThat(value(metrics, "sfn_bridge_ledger_claims_total{routeId=\"task-worker\",status=\"HELD_ELSEWHERE\"}")).isZero();
            assertThat(value(metrics, "sfn_bridge_task_enqueue_to_answer_seconds_count{routeId=\"task-worker\"}")).isEqualTo(TASKS + 1);
            assertThat(value(metrics, "sfn_bridge_task_work_seconds_count{routeId=\"task-worker\"}")).isEqualTo(TASKS + 1);
            assertThat(value(metrics, "sfn_bridge_tasks_in_flight{routeId=\"task-worker\"}")).isZero();
            assertThat(value(metrics, "sfn_bridge_tasks_in_flight_limit{routeId=\"task-worker\"}")).isEqualTo(4);
            assertThat(value(metrics, "sfn_bridge_queue_messages{queue=\"dlq\",routeId=\"task-worker\",state=\"visible\"}")).isZero();
            assertThat(metrics).contains("sfn_bridge_queue_oldest_message_age_seconds{queue=\"work\",routeId=\"task-worker\"}")
                    .containsPattern("camel_exchanges_total\\{[^}]*routeId=\"task-worker\"");
        });

        // AWS unreachable: not ready, still alive; ready again once it answers.
        sqsProxy.disable();
        await().atMost(Duration.ofSeconds(30)).until(() -> status(base.resolve("/observe/health/ready")) != 200);
        assertThat(get(base.resolve("/observe/health/ready")).body()).contains("ReceiveMessage");
        assertThat(status(base.resolve("/observe/health/live"))).isEqualTo(200);
        sqsProxy.enable();
        await().atMost(Duration.ofSeconds(30)).until(() -> status(base.resolve("/observe/health/ready")) == 200);

        // SIGTERM with a long task in flight: not ready while the worker stops (drain, then Camel's shutdown timeout).
        // (On SIGTERM Camel reports only its stopping context; the worker's own "draining" reason shows on a route
        // stop or reload, see ReadinessChecksTest.)
        String longTask = LocalStack.sfn().startExecution(r -> r.stateMachineArn(machine)
                .input("{\"taskId\": \"ops-long\", \"sleepMs\": 30000}")).executionArn();
        await().atMost(Duration.ofSeconds(30)).until(() -> backend.inFlight() == 1);
        runtime.signal("TERM");
        runtime.awaitLine("is shutting down", Duration.ofSeconds(5));
        HttpResponse<String> ready = get(base.resolve("/observe/health/ready"));
        assertThat(backend.inFlight()).as("the long task still runs while readiness is read").isEqualTo(1);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("\"status\":\"DOWN\"");
        assertThat(runtime.waitForExit(30)).isZero();
        LocalStack.sfn().stopExecution(r -> r.executionArn(longTask));
    }

    private static ExecutionStatus ended(String arn) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> LocalStack.sfn().describeExecution(r -> r.executionArn(arn)).status(),
                        status -> status != ExecutionStatus.RUNNING);
    }

    /** The value of one sample of a Prometheus text page, by its name and labels as printed; fails when absent. */
    static double value(String page, String sample) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(page);
        assertThat(matcher.find()).as("sample %s on the metrics page", sample).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int status(URI uri) {
        try {
            return get(uri).statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
