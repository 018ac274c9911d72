package io.sfntaskbridge.component;

import java.time.Duration;

import io.sfntaskbridge.aws.AwsRetry;
import io.sfntaskbridge.task.FaultLog;
import io.sfntaskbridge.task.InstanceName;
import io.sfntaskbridge.task.TaskLedger;
import io.sfntaskbridge.task.TaskSlots;
import io.sfntaskbridge.worker.ActivitySource;
import io.sfntaskbridge.worker.QueueSource;
import io.sfntaskbridge.worker.TaskSource;
import io.sfntaskbridge.worker.TaskWork;
import io.sfntaskbridge.worker.TaskWorker;
import io.sfntaskbridge.worker.WorkerSettings;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Builds the {@link TaskWorker} of a worker endpoint from its options; a missing client or bad value fails the start. */
final class WorkerAssembly {

    private final SfnTaskEndpoint endpoint;
    private final SfnTaskConfiguration options;
    private final String routeId;
    private final TaskWork work;

    WorkerAssembly(SfnTaskEndpoint endpoint, String routeId, TaskWork work) {
        this.endpoint = endpoint;
        this.options = endpoint.getConfiguration();
        this.routeId = routeId == null ? endpoint.getEndpointKey() : routeId;
        this.work = work;
    }

    TaskWorker build() {
        WorkerSettings settings = settings();
        TaskSource source = source();
        return new TaskWorker(settings, source, work, endpoint.getSfnClient(), endpoint.answers(), options.getLedger(),
                globalSlots(source), endpoint.events().forWorker(routeId));
    }

    private WorkerSettings settings() {
        TaskLedger ledger = options.getLedger();
        int leaseRenew = ledger == null ? 10 : (int) Math.max(1, ledger.lease().toSeconds() / 3);
        return new WorkerSettings(routeId, options.getConcurrentConsumers(), options.getWaitingRoom(),
                options.getVisibilityTimeout(), options.getHeartbeatIntervalSeconds(), options.isKeepAlive(),
                options.getRetryDelaySeconds(), Duration.ofSeconds(options.getDrainTimeoutSeconds()),
                Duration.ofMillis(options.getReceiveErrorBackoffMillis()), leaseRenew, options.getTaskLogLevel(),
                options.getInFlightLogIntervalSeconds());
    }

    private TaskSource source() {
        if (options.getAction() == SfnTaskAction.activity) {
            String workerName = options.getWorkerName() == null || options.getWorkerName().isBlank()
                    ? InstanceName.of() + "/" + routeId : options.getWorkerName();
            return new ActivitySource(endpoint.getSfnClient(), options.getName(), workerName);
        }
        SqsClient sqs = options.getSqsClient();
        if (sqs == null) {
            throw new IllegalArgumentException(routeId + ": sfn-task:queue needs an SqsClient: bind one (the runtime"
                                               + " binds sqsClient) or set the sqsClient option");
        }
        if (options.getMaxMessagesPerPoll() < 1 || options.getMaxMessagesPerPoll() > 10) {
            throw new IllegalArgumentException(routeId + ": maxMessagesPerPoll must be 1 to 10, was "
                                               + options.getMaxMessagesPerPoll());
        }
        if (options.getWaitTimeSeconds() < 0 || options.getWaitTimeSeconds() > 20) {
            throw new IllegalArgumentException(routeId + ": waitTimeSeconds must be 0 to 20, was "
                                               + options.getWaitTimeSeconds());
        }
        AwsRetry retry = new AwsRetry(Math.max(1, options.getSqsRetryAttempts()), Duration.ofMillis(500),
                Duration.ofSeconds(5), new FaultLog(LoggerFactory.getLogger(QueueSource.class)),
                endpoint.events().forWorker(routeId));
        TaskLedger ledger = options.getLedger();
        return new QueueSource(sqs, retry, options.getName(), options.getMaxMessagesPerPoll(),
                options.getWaitTimeSeconds(), options.getVisibilityTimeout(), options.getDlqName(),
                ledger == null ? () -> { } : ledger::flush);
    }

    private TaskSlots globalSlots(TaskSource source) {
        int cap = options.getGlobalConcurrency();
        if (cap <= 0) {
            return null;
        }
        if (options.getGlobalCaps() == null) {
            throw new IllegalArgumentException(routeId + ": globalConcurrency (" + cap + ") needs a store that every"
                                               + " instance shares: bind a GlobalCaps (the runtime does, on a"
                                               + " PostgreSQL task ledger: bridge.ledger.url)");
        }
        return options.getGlobalCaps().slots(poolName(source), cap);
    }

    /** The cap's pool: the queue's or activity's name, shared by every instance that works it. */
    private static String poolName(TaskSource source) {
        if (source instanceof QueueSource queue) {
            return "queue:" + queue.name();
        }
        String arn = ((ActivitySource) source).activityArn();
        return "activity:" + arn.substring(arn.lastIndexOf(':') + 1);
    }
}
