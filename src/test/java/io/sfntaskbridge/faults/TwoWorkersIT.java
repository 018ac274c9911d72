package io.sfntaskbridge.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.sfntaskbridge.testsupport.CountingBackend;
import io.sfntaskbridge.testsupport.RuntimeProcess;
import io.sfntaskbridge.testsupport.TaskWorkflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two workers in one runtime, each on its own queue with its own cap: the shipped task-worker (cap 2, its backend the
 * scenario's) and crm-worker (cap 5, a backend of its own). Each backend sees at most its worker's cap at once, and a
 * live edit of one worker's route drains and restarts that worker alone, while the other's tasks run on.
 */
class TwoWorkersIT extends FaultScenario {

    private static final int ERP_CAP = 2;
    private static final int CRM_CAP = 5;

    private TaskWorkflow crm;
    private CountingBackend crmBackend;

    @BeforeEach
    void createTheSecondWorkersQueueAndBackend() {
        crm = TaskWorkflow.create("TwoWorkersIT-crm", heartbeatSeconds(), taskTimeoutSeconds(), 5);
        crmBackend = CountingBackend.start();
    }

    @AfterEach
    void stopTheSecondBackend() {
        if (crmBackend != null) {
            crmBackend.close();
        }
    }

    private RuntimeProcess startBothWorkers(String name) throws Exception {
        return startRuntime(name, Map.of("BRIDGE_WORKER_CONCURRENCY", Integer.toString(ERP_CAP),
                        "BRIDGE_TEST_CRM_QUEUE", crm.queueName(), "BRIDGE_TEST_CRM_BACKEND_URL", crmBackend.url()),
                Path.of("src/test/resources/faults/crm-worker.camel.yaml"),
                Path.of("src/test/resources/faults/crm-enrich.camel.yaml"));
    }

    @Test
    void eachWorkerKeepsToItsOwnCapAndAnswersEveryTaskOnce() throws Exception {
        RuntimeProcess runtime = startBothWorkers("caps");
        long before = runtime.logLines();
        List<String> erpArns = startTasks("erp", 50, 600);
        List<String> crmArns = startTasks(crm, "crm", 50, 1500);

        List<DescribeExecutionResponse> erpDone = awaitEnded(erpArns, Duration.ofMinutes(3));
        List<DescribeExecutionResponse> crmDone = awaitEnded(crmArns, Duration.ofMinutes(3));
        assertAllAnswered(erpDone, taskIds("erp", 50));
        assertAllAnswered(crmDone, taskIds("crm", 50));
        assertThat(backend.maxConcurrent()).as("most erp tasks in their backend at once").isEqualTo(ERP_CAP);
        assertThat(crmBackend.maxConcurrent()).as("most crm tasks in their backend at once").isEqualTo(CRM_CAP);
        assertCalledOncePerToken(taskIds("erp", 50));
        for (String id : taskIds("crm", 50)) {
            assertThat(crmBackend.callsFor(id)).as("crm backend calls for %s", id).isEqualTo(1);
        }
        assertThat(crmBackend.totalCalls()).isEqualTo(50);
        assertQueuesEmpty(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> TaskWorkflow.messagesOn(crm.queueUrl()) == 0);
        // one "Task outcome" line per task, and a few of slack
        long lines = assertQuietLog(runtime, before, 110);
        ScenarioFigures.write("Two workers, caps 2 and 5", 100, "50 tasks of 0.6 s on a cap of 2, 50 of 1.5 s on a cap"
                + " of 5, one runtime", "1", 0, lines, 110);
    }

    @Test
    void aLiveEditOfOneWorkerDrainsThatWorkerAloneAndLosesNone() throws Exception {
        RuntimeProcess runtime = startBothWorkers("edit");
        List<String> erpArns = startTasks("erp-edit", 6, 4000);
        List<String> crmArns = startTasks(crm, "crm-edit", 5, 4000);
        await().atMost(Duration.ofSeconds(30)).until(() -> backend.inFlight() == ERP_CAP
                                                           && crmBackend.inFlight() == CRM_CAP);

        long before = runtime.logLines();
        Path file = runtime.workDir().resolve("routes/crm-worker.camel.yaml");
        Files.writeString(file, Files.readString(file).replace("- to: direct:enrich-crm", "- setHeader:\n"
                + "            name: EditedBy\n            constant: TwoWorkersIT\n        - to: direct:enrich-crm"));
        assertThat(runtime.awaitLine("Drained \\[crm-worker\\] in \\d+ ms: ", Duration.ofSeconds(30)))
                .contains(CRM_CAP + " tasks finished, 0 handed back");
        runtime.awaitLine("Routes reloaded: .*crm-worker.camel.yaml.*changed \\[crm-worker\\]", Duration.ofSeconds(30));
        List<String> crmAfter = startTasks(crm, "crm-after", 3, 100);

        assertAllAnswered(awaitEnded(erpArns, Duration.ofMinutes(1)), taskIds("erp-edit", 6));
        assertAllAnswered(awaitEnded(crmArns, Duration.ofMinutes(1)), taskIds("crm-edit", 5));
        assertAllAnswered(awaitEnded(crmAfter, Duration.ofMinutes(1)), taskIds("crm-after", 3));
        assertCalledOncePerToken(taskIds("erp-edit", 6));
        for (String id : taskIds("erp-edit", 6)) {
            assertThat(backend.completedFor(id)).as("erp task %s ran to its end, not cut off", id).isEqualTo(1);
        }
        List<String> crmIds = new ArrayList<>(taskIds("crm-edit", 5));
        crmIds.addAll(taskIds("crm-after", 3));
        for (String id : crmIds) {
            assertThat(crmBackend.callsFor(id)).as("crm backend calls for %s", id).isEqualTo(1);
        }
        assertThat(runtime.stdout()).as("the erp worker was not drained").doesNotContain("Draining [task-worker]")
                .doesNotContain("Drained [task-worker]");
        assertQueuesEmpty(Duration.ofSeconds(30));
        long lines = assertQuietLog(runtime, before, 40);
        ScenarioFigures.write("One of two workers edited while both run", 14, "crm-worker.camel.yaml edited while"
                + " both workers run tasks of 4 s", "1", 0, lines, 40);
    }
}
