package io.sfntaskbridge.it;

import java.time.Duration;
import java.util.Properties;

import io.sfntaskbridge.aws.AwsClientsConfiguration;
import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.component.SfnTaskConsumer;
import io.sfntaskbridge.component.SfnTaskEndpoint;
import io.sfntaskbridge.testsupport.CallbackStateMachine;
import io.sfntaskbridge.testsupport.LocalStack;
import io.sfntaskbridge.worker.ReleaseReason;
import io.sfntaskbridge.worker.TaskPermits;
import io.sfntaskbridge.ledger.LedgerConfiguration;
import io.sfntaskbridge.worker.WorkerConfiguration;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The guarantee: never more than bridge.worker.concurrency tasks in flight, in the hard case where the route goes
 * asynchronous (parallel splitter with async delays) and each receive may bring several messages. 300 real tasks,
 * N = 4, a 50 ms backend, the shipped YAML worker on LocalStack.
 */
class ConcurrencyLimitIT extends CamelMainTestSupport {

    private static final int TASKS = 300;
    private static final int LIMIT = 4;

    private static final CallbackStateMachine WORKFLOW =
            CallbackStateMachine.create(LocalStack.sqs(), LocalStack.sfn(), "ConcurrencyLimitIT");

    private final BackendObserver backend = new BackendObserver();

    @Override
    protected String getPropertyPlaceholderLocations() {
        return "file:config/application.properties";
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = WorkflowITSupport.workerOnLocalStack(WorkflowITSupport.queueName(WORKFLOW.queueUrl()),
                getClass());
        properties.put("bridge.worker.concurrency", Integer.toString(LIMIT));
        properties.put("bridge.worker.max-messages-per-poll", "10");
        properties.put("camel.main.routes-include-pattern", WorkflowITSupport.WORKER_ROUTES
                                                            + ",file:src/test/resources/it/enrich-order-parallel-backend.camel.yaml");
        return properties;
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addConfiguration(AwsClientsConfiguration.class);
        configuration.addConfiguration(WorkerConfiguration.class);
        configuration.addConfiguration(LedgerConfiguration.class);
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("backendObserver", backend);
    }

    @Test
    void neverMoreThanTheLimitInFlightAndTheLimitIsReached() throws Exception {
        WORKFLOW.start(LocalStack.sfn(), TASKS, 8, i -> "{\"orderId\": \"o-" + i + "\"}");

        SfnTaskEndpoint answers = (SfnTaskEndpoint) context.getRoute("task-worker").getEndpoint();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> answers.getOutcomeCount(SfnTaskOutcome.SUCCEEDED) == TASKS);

        TaskPermits permits = ((SfnTaskConsumer) context.getRoute("task-worker").getConsumer()).getWorker().permits();
        assertThat(backend.finished()).isEqualTo(TASKS);
        assertThat(backend.finishedOnAnotherThread()).as("tasks whose backend call went asynchronous")
                .isEqualTo(TASKS);
        assertThat(backend.maxInBackend()).as("most tasks in the backend at once, seen by the test").isEqualTo(LIMIT);
        assertThat(permits.maxTasksInFlight()).as("most tasks in flight, seen by the gate").isEqualTo(LIMIT);
        await().atMost(Duration.ofSeconds(5)).until(() -> permits.tasksInFlight() == 0);
        assertThat(permits.released(ReleaseReason.COMPLETED)).isEqualTo(TASKS);
        assertThat(permits.released(ReleaseReason.FAILED)).isZero();
    }
}
