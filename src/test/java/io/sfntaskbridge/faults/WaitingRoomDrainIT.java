package io.sfntaskbridge.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.sfntaskbridge.testsupport.LocalStack;
import io.sfntaskbridge.testsupport.RuntimeProcess;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM while tasks wait in the waiting room: 4 tasks of 6 s on 2 working slots plus a waiting room of 2, drain
 * 8 s. The 2 working tasks finish inside the drain; the 2 waiting ones have not started, so they go back to the queue
 * at once instead of starting when a slot frees (they would then be cut off at the end of the drain and done again
 * by the next delivery: two backend calls). The restarted runtime answers them: every task has one backend call.
 */
class WaitingRoomDrainIT extends FaultScenario {

    private static final int TASKS = 4;
    private static final int LOG_BOUND = 25;

    @Test
    void tasksWaitingForASlotGoBackToTheQueueAtOnceOnSigterm() throws Exception {
        RuntimeProcess runtime = startRuntime("roomstop", Map.of("BRIDGE_WORKER_CONCURRENCY", "2",
                "BRIDGE_WORKER_WAITING_ROOM", "2", "BRIDGE_WORKER_DRAIN_TIMEOUT_SECONDS", "8"));
        List<String> ids = taskIds("roomstop", TASKS);
        List<String> arns = startTasks("roomstop", TASKS, 6000);
        // 2 at the backend, and the other 2 received (none left visible on the queue): they wait for a slot
        await().atMost(Duration.ofSeconds(30)).until(() -> backend.inFlight() == 2 && visibleMessages() == 0);

        long before = runtime.logLines();
        long stopMillis = sigterm(runtime, 20);
        // How many of the 2 were already waiting when the drain began, and how many were still between the receive
        // and the waiting room, is timing; either way both go back unstarted, and the drain's last line counts them.
        assertThat(runtime.stdout()).containsPattern(DRAINED + "2 tasks finished, 2 handed back to the queue");
        assertThat(backend.totalCalls()).as("backend calls before the restart: the waiting tasks never started")
                .isEqualTo(2);
        // the drain's 2 lines and Camel's stop report
        long lines = assertStoppedLog(runtime, before, LOG_BOUND);

        runtime.restart();
        awaitStarted(runtime);
        assertAllAnswered(awaitEnded(arns, Duration.ofMinutes(2)), ids);
        assertCalledOncePerToken(ids);
        assertQueuesEmpty(Duration.ofSeconds(30));
        ScenarioFigures.write("SIGTERM with tasks in the waiting room", TASKS,
                "SIGTERM while 2 tasks of 6 s run and 2 wait for a slot, drain 8 s; exit 0 after "
                + stopMillis + " ms; restart", "1", 0, lines, LOG_BOUND);
    }

    private int visibleMessages() {
        return Integer.parseInt(LocalStack.sqs().getQueueAttributes(r -> r.queueUrl(workflow.queueUrl())
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }
}
