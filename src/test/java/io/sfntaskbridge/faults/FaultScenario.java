package io.sfntaskbridge.faults;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfntaskbridge.testsupport.CountingBackend;
import io.sfntaskbridge.testsupport.FaultProxy;
import io.sfntaskbridge.testsupport.LocalStack;
import io.sfntaskbridge.testsupport.RuntimeProcess;
import io.sfntaskbridge.testsupport.TaskWorkflow;
import io.sfntaskbridge.testsupport.Toxiproxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fault-injection scenario: the real runtime (its own JVM, the shipped worker and error-handling routes) runs tasks
 * of a {@link TaskWorkflow} against LocalStack, with a Toxiproxy proxy between it and SQS, another between it and
 * Step Functions, and a third between it and a {@link CountingBackend} that the test enrichment route
 * ({@code src/test/resources/faults/enrich-order-backend.camel.yaml}) calls once per task. Subclasses cut, slow or
 * kill what their scenario needs and assert the invariants: every task answered, the backend called once per token,
 * the queue and DLQ empty, the runtime up, the log within a bound.
 */
abstract class FaultScenario {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Toxiproxy TOXIPROXY = Toxiproxy.fromEnvironment();
    /** The PostgreSQL that scripts/postgres.sh runs (scripts/test.sh exports its URL). */
    static final String POSTGRES = System.getProperty("BRIDGE_TEST_POSTGRES_URL", System.getenv()
            .getOrDefault("BRIDGE_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:55432/bridge?user=bridge"));

    /** {@code host:port} of {@link #POSTGRES}, for a proxy in front of it. */
    static String postgresHostPort() {
        return java.net.URI.create(POSTGRES.substring("jdbc:".length())).getAuthority();
    }

    @TempDir
    Path workDirs;

    protected CountingBackend backend;
    protected FaultProxy sqs;
    protected FaultProxy sfn;
    protected FaultProxy backendLink;
    protected TaskWorkflow workflow;
    protected final List<RuntimeProcess> runtimes = new ArrayList<>();

    /** The Task state's HeartbeatSeconds (and the envelope's hint). */
    protected int heartbeatSeconds() {
        return 120;
    }

    protected int taskTimeoutSeconds() {
        return 600;
    }

    @BeforeEach
    void createWorkflowBackendAndProxies() {
        String name = getClass().getSimpleName();
        backend = CountingBackend.start();
        sqs = TOXIPROXY.createProxy(LocalStack.uniqueName(name + "-sqs"), LocalStack.endpoint());
        sfn = TOXIPROXY.createProxy(LocalStack.uniqueName(name + "-sfn"), LocalStack.endpoint());
        backendLink = TOXIPROXY.createProxy(LocalStack.uniqueName(name + "-backend"), "127.0.0.1:" + backend.port());
        workflow = TaskWorkflow.create(name, heartbeatSeconds(), taskTimeoutSeconds(), 5);
    }

    @AfterEach
    void stopEverything() {
        runtimes.forEach(RuntimeProcess::destroy);
        for (FaultProxy proxy : new FaultProxy[] {sqs, sfn, backendLink}) {
            if (proxy != null) {
                proxy.delete();
            }
        }
        if (backend != null) {
            backend.close();
        }
    }

    /** The settings every scenario runtime gets, as environment variables; {@code overrides} win. */
    protected Map<String, String> runtimeEnvironment(Map<String, String> overrides) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BRIDGE_AWS_REGION", LocalStack.REGION);
        env.put("BRIDGE_AWS_SQS_ENDPOINT", sqs.httpUri().toString());
        env.put("BRIDGE_AWS_SFN_ENDPOINT", sfn.httpUri().toString());
        // StartupReport checks the shared endpoint; the emulator itself, not a proxy a scenario may cut.
        env.put("BRIDGE_AWS_ENDPOINT", LocalStack.endpoint().toString());
        env.put("BRIDGE_AWS_API_CALL_TIMEOUT_SECONDS", "10");
        env.put("BRIDGE_WORKER_QUEUE_NAME", workflow.queueName());
        env.put("BRIDGE_WORKER_DLQ_NAME", workflow.dlqName());
        env.put("BRIDGE_WORKER_WAIT_TIME_SECONDS", "1");
        env.put("BRIDGE_WORKER_CONCURRENCY", "4");
        env.put("BRIDGE_WORKER_IN_FLIGHT_LOG_INTERVAL_SECONDS", "0");
        // The scenarios count the one line per task ("Task outcome: SUCCEEDED"), which is DEBUG by default.
        env.put("BRIDGE_WORKER_TASK_LOG_LEVEL", "INFO");
        env.put("BRIDGE_TEST_BACKEND_URL", backendLink.httpUri().toString());
        env.putAll(overrides);
        return env;
    }

    /** Starts a runtime in a working directory of its own ({@code name}), and waits until its worker polls. */
    protected RuntimeProcess startRuntime(String name, Map<String, String> overrides) throws InterruptedException {
        return startRuntime(name, overrides, new Path[0]);
    }

    /** As above, with more route files (copied into its routes/) beside the shipped worker's. */
    protected RuntimeProcess startRuntime(String name, Map<String, String> overrides, Path... routeFiles)
            throws InterruptedException {
        RuntimeProcess runtime = RuntimeProcess.in(workDirs.resolve(name))
                .repoRoutes("task-worker.camel.yaml", "error-handling.camel.yaml")
                .route(Path.of("src/test/resources/faults/enrich-order-backend.camel.yaml"));
        for (Path file : routeFiles) {
            runtime.route(file);
        }
        runtimeEnvironment(overrides).forEach(runtime::env);
        runtimes.add(runtime);
        runtime.start();
        awaitStarted(runtime);
        return runtime;
    }

    /** Waits for the started line, then until the startup lines that follow it (routes loaded, endpoints) are out. */
    protected static void awaitStarted(RuntimeProcess runtime) throws InterruptedException {
        runtime.awaitLine("Apache Camel .* started in", Duration.ofSeconds(60));
        long lines = -1;
        while (lines != runtime.logLines()) {
            lines = runtime.logLines();
            Thread.sleep(500);
        }
    }

    /** Starts one execution per task, input {@code {"taskId": "<prefix>-<i>", "sleepMs": sleepMs}}; returns the arns. */
    protected List<String> startTasks(String prefix, int count, long sleepMs) {
        return startTasks(workflow, prefix, count, sleepMs);
    }

    /** As above, on another workflow's state machine. */
    protected static List<String> startTasks(TaskWorkflow workflow, String prefix, int count, long sleepMs) {
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String input = "{\"taskId\": \"" + prefix + "-" + i + "\", \"sleepMs\": " + sleepMs + "}";
            arns.add(LocalStack.sfn().startExecution(r -> r.stateMachineArn(workflow.stateMachineArn()).input(input))
                    .executionArn());
        }
        return arns;
    }

    protected static List<String> taskIds(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(prefix + "-" + i);
        }
        return ids;
    }

    /** Waits until every execution ended; returns them in order. */
    protected static List<DescribeExecutionResponse> awaitEnded(List<String> arns, Duration atMost) {
        List<DescribeExecutionResponse> ended = new ArrayList<>();
        for (String arn : arns) {
            ended.add(await().atMost(atMost).pollInterval(Duration.ofMillis(500))
                    .until(() -> LocalStack.sfn().describeExecution(r -> r.executionArn(arn)),
                            execution -> execution.status() != ExecutionStatus.RUNNING));
        }
        return ended;
    }

    /**
     * Every execution succeeded with its own task's backend reply as output. Returns how many did not (0 when the
     * assertion holds; the figure for the table).
     */
    protected static void assertAllAnswered(List<DescribeExecutionResponse> executions, List<String> taskIds)
            throws Exception {
        for (int i = 0; i < executions.size(); i++) {
            DescribeExecutionResponse execution = executions.get(i);
            assertThat(execution.status()).as("execution of %s: %s %s", taskIds.get(i), execution.error(),
                    execution.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            JsonNode output = JSON.readTree(execution.output());
            assertThat(output.path("taskId").asText()).isEqualTo(taskIds.get(i));
            assertThat(output.path("result").asText()).isEqualTo("done");
        }
    }

    /** The backend was called exactly once for each task of the lists, and for nothing else. */
    @SafeVarargs
    protected final void assertCalledOncePerTokenAmong(List<String>... taskIdLists) {
        List<String> all = new ArrayList<>();
        for (List<String> ids : taskIdLists) {
            all.addAll(ids);
        }
        assertCalledOncePerToken(all);
    }

    /** The backend was called exactly once for each task. */
    protected void assertCalledOncePerToken(List<String> taskIds) {
        for (String id : taskIds) {
            assertThat(backend.callsFor(id)).as("backend calls for %s", id).isEqualTo(1);
        }
        assertThat(backend.totalCalls()).as("backend calls in all").isEqualTo(taskIds.size());
    }

    /**
     * Every task was cut off once (hand-back or kill) and redone by a take-over: exactly 2 backend calls each, the
     * answer is the second call's, and {@code runtime} logged one take-over per task.
     */
    protected void assertRedoneOnceByTakeOver(List<DescribeExecutionResponse> executions, List<String> taskIds,
                                              RuntimeProcess runtime) throws Exception {
        assertAllAnswered(executions, taskIds);
        for (int i = 0; i < taskIds.size(); i++) {
            assertThat(JSON.readTree(executions.get(i).output()).path("call").asInt()).as("answering call of %s",
                    taskIds.get(i)).isEqualTo(2);
            assertThat(backend.callsFor(taskIds.get(i))).as("backend calls for %s", taskIds.get(i)).isEqualTo(2);
        }
        assertThat(backend.totalCalls()).as("backend calls in all").isEqualTo(2 * taskIds.size());
        assertThat(runtime.stdout().lines().filter(line -> line.contains("Taking over token#")).count())
                .as("tasks taken over").isEqualTo(taskIds.size());
    }

    /** Work queue and DLQ drain to empty (deletes are settled after the answer, so this may take a moment). */
    protected void assertQueuesEmpty(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    assertThat(TaskWorkflow.messagesOn(workflow.queueUrl())).as("work queue").isZero();
                    assertThat(TaskWorkflow.messagesOn(workflow.dlqUrl())).as("DLQ").isZero();
                });
    }

    /** Drops a ledger table and its global cap's slot table from the shared PostgreSQL ({@link #POSTGRES}). */
    protected static void dropLedgerTables(String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(POSTGRES);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
            statement.execute("DROP TABLE IF EXISTS " + table + "_slots");
        }
    }

    /** The drain's closing line, up to its counts: "Drained [task-worker] in 812 ms: ". */
    protected static final String DRAINED = "Drained \\[[^]]*task-worker[^]]*\\] in \\d+ ms: ";

    /** SIGTERM, then the exit within {@code atMostSeconds}, which must be 0; returns the ms from signal to exit. */
    protected static long sigterm(RuntimeProcess runtime, int atMostSeconds) throws Exception {
        long start = System.nanoTime();
        runtime.signal("TERM");
        int exit = runtime.waitForExit(atMostSeconds);
        assertThat(exit).as("exit code").isZero();
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The stopped runtime's log since {@code fromLine}: no stack trace, at most {@code bound} lines, empty stderr. */
    protected static long assertStoppedLog(RuntimeProcess runtime, long fromLine, long bound) {
        List<String> lines = runtime.stdout().lines().skip(fromLine).toList();
        assertThat(String.join("\n", lines)).as("log since SIGTERM").doesNotMatch(RuntimeProcess.STACK_FRAME);
        assertThat(lines).as("log lines since SIGTERM:%n%s", String.join("\n", lines))
                .hasSizeLessThanOrEqualTo((int) bound);
        assertThat(runtime.stderrLines()).as("stderr").isEmpty();
        return lines.size();
    }

    /** The runtime is up and its log since {@code fromLine} has at most {@code bound} lines and no stack trace. */
    protected static long assertQuietLog(RuntimeProcess runtime, long fromLine, long bound) {
        assertThat(runtime.isAlive()).as("runtime still up").isTrue();
        List<String> lines = runtime.stdout().lines().skip(fromLine).toList();
        assertThat(String.join("\n", lines)).as("log since the fault").doesNotMatch(RuntimeProcess.STACK_FRAME);
        assertThat(lines).as("log lines since the fault:%n%s", String.join("\n", lines)).hasSizeLessThanOrEqualTo((int) bound);
        return lines.size();
    }
}
