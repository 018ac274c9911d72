package io.sfntaskbridge.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.sfntaskbridge.testsupport.LocalStack;
import io.sfntaskbridge.testsupport.RuntimeProcess;
import io.sfntaskbridge.testsupport.TestWorkflows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shipped activity worker (routes/activity-worker.camel.yaml, cap 3) beside the queue worker in one runtime: a
 * Distributed Map schedules 30 activity tasks, a fifth of them longer than their state's HeartbeatSeconds (4 s), so
 * only the worker's heartbeats keep them alive. A SIGTERM mid-run drains the worker: the tasks it holds finish and are
 * answered, none is failed or lost, and the restarted runtime works the rest. Every task's backend is called once.
 */
class ActivityWorkerIT extends FaultScenario {

    private static final int TASKS = 30;
    private static final int CAP = 3;
    private static final String DEFINITION = """
            {"StartAt": "Tasks", "States": {"Tasks": {
              "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 10,
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Work", "States": {"Work": {
                  "Type": "Task", "Resource": "%s", "HeartbeatSeconds": 4, "TimeoutSeconds": 300, "End": true}}},
              "End": true}}}""";

    private String activityArn;

    @AfterEach
    void deleteTheActivity() {
        if (activityArn != null) {
            LocalStack.sfn().deleteActivity(r -> r.activityArn(activityArn));
        }
    }

    @Test
    void thirtyActivityTasksAreAnsweredOnceThroughHeartbeatsAndASigtermDrain() throws Exception {
        String name = LocalStack.uniqueName("ActivityWorkerIT");
        activityArn = LocalStack.sfn().createActivity(r -> r.name(name)).activityArn();
        String machine = LocalStack.sfn().createStateMachine(r -> r.name(name).roleArn(TestWorkflows.ROLE_ARN)
                .definition(DEFINITION.formatted(activityArn))).stateMachineArn();
        RuntimeProcess runtime = startRuntime("activity", Map.of("BRIDGE_ACTIVITY_ENABLED", "true",
                "BRIDGE_ACTIVITY_NAME", name, "BRIDGE_ACTIVITY_CONCURRENCY", Integer.toString(CAP),
                "BRIDGE_WORKER_HEARTBEAT_INTERVAL_SECONDS", "1"), Path.of("routes/activity-worker.camel.yaml"));
        assertThat(runtime.stdout()).contains("Worker [activity-worker] on activity " + activityArn + ": " + CAP);

        List<String> ids = taskIds("act", TASKS);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            items.add("{\"taskId\": \"" + ids.get(i) + "\", \"sleepMs\": " + (i % 5 == 0 ? 6000 : 400) + "}");
        }
        String arn = LocalStack.sfn().startExecution(r -> r.stateMachineArn(machine)
                .input("{\"items\": [" + String.join(", ", items) + "]}")).executionArn();

        await().atMost(Duration.ofSeconds(60)).until(() -> backend.totalCalls() >= 10);
        long stopAt = runtime.logLines();
        sigterm(runtime, 40);
        String drained = runtime.stdout().lines().filter(line -> line.contains("Drained [activity-worker]"))
                .findFirst().orElse("");
        assertThat(drained).as("tasks in flight at the SIGTERM finished within the drain")
                .containsPattern("in \\d+ ms: [1-9]\\d* tasks finished, 0 failed with Bridge.WorkerStopped");
        assertStoppedLog(runtime, stopAt, 20);
        assertThat(backend.inFlight()).as("nothing left running after the drain").isZero();
        assertThat(backend.totalCalls()).as("some tasks are still to do").isLessThan(TASKS);

        runtime.restart();
        awaitStarted(runtime);
        long restartedAt = runtime.logLines();
        DescribeExecutionResponse execution = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> LocalStack.sfn().describeExecution(r -> r.executionArn(arn)),
                        e -> e.status() != ExecutionStatus.RUNNING);
        assertThat(execution.status()).as("%s %s", execution.error(), execution.cause())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        Set<String> answered = new HashSet<>();
        for (JsonNode result : JSON.readTree(execution.output())) {
            assertThat(result.path("result").asText()).isEqualTo("done");
            assertThat(result.path("call").asInt()).as("answering call of %s", result.path("taskId")).isEqualTo(1);
            answered.add(result.path("taskId").asText());
        }
        assertThat(answered).containsExactlyInAnyOrderElementsOf(ids);
        assertCalledOncePerToken(ids);
        assertThat(backend.maxConcurrent()).as("the activity worker's cap").isLessThanOrEqualTo(CAP);
        // one "Task outcome" line per task left (at most 20), and a few of slack
        long lines = assertQuietLog(runtime, restartedAt, 26);
        ScenarioFigures.write("Activity worker: heartbeats and a SIGTERM drain", TASKS, "30 activity tasks of a"
                + " Distributed Map, 6 of them 6 s with HeartbeatSeconds 4; SIGTERM after 10, restart", "1", 0, lines, 26);
    }
}
