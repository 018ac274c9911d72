package io.sfntaskbridge.worker;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.sfntaskbridge.component.SfnTaskConstants;
import io.sfntaskbridge.component.TaskTokens;
import org.apache.camel.Exchange;
import org.apache.camel.Handler;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Keeps a task alive while the worker is busy with it: sends SendTaskHeartbeat so a Task state with
 * {@code HeartbeatSeconds} does not time out, and extends the SQS message's visibility so no other consumer receives
 * it meanwhile. Both stop the moment the exchange completes, i.e. right after the task was answered.
 * <p>
 * When the exchange fails (no answer could be sent), the message is made visible again after
 * {@code retryDelaySeconds} instead of staying hidden for the rest of its visibility timeout, so the task is retried
 * promptly and nothing is lost.
 * <p>
 * Heartbeat interval: a third of the envelope's {@code heartbeatSeconds} hint when present (three chances before the
 * state's deadline), otherwise {@code defaultHeartbeatIntervalSeconds}.
 */
public class TaskKeepAlive {

    private static final Logger LOG = LoggerFactory.getLogger(TaskKeepAlive.class);

    private final ScheduledExecutorService scheduler;
    private final SfnClient sfn;
    private final SqsClient sqs;
    private final Settings settings;
    private final AtomicLong heartbeatsSent = new AtomicLong();
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();

    /**
     * @param enabled                         false turns heartbeats and visibility extension off (the failure reset
     *                                        stays on)
     * @param defaultHeartbeatIntervalSeconds interval used when the envelope has no hint
     * @param visibilityTimeoutSeconds        visibility granted on each extension; extended every half of it
     * @param retryDelaySeconds               visibility set after a failed exchange, before SQS redelivers
     */
    public record Settings(boolean enabled, int defaultHeartbeatIntervalSeconds, int visibilityTimeoutSeconds,
            int retryDelaySeconds) {
    }

    public TaskKeepAlive(ScheduledExecutorService scheduler, SfnClient sfn, SqsClient sqs, Settings settings) {
        this.scheduler = scheduler;
        this.sfn = sfn;
        this.sqs = sqs;
        this.settings = settings;
    }

    @Handler
    public void track(Exchange exchange) {
        String token = exchange.getMessage().getHeader(SfnTaskConstants.TASK_TOKEN, String.class);
        String receiptHandle = exchange.getMessage().getHeader(Sqs2Constants.RECEIPT_HANDLE, String.class);
        String queueUrl = queueUrlOf(exchange);

        List<ScheduledFuture<?>> jobs = settings.enabled()
                ? List.of(scheduleHeartbeats(token, heartbeatIntervalSeconds(exchange)),
                        scheduleVisibilityExtension(queueUrl, receiptHandle))
                : List.of();
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                jobs.forEach(job -> job.cancel(false));
            }

            @Override
            public void onFailure(Exchange failed) {
                onDone(failed);
                changeVisibility(queueUrl, receiptHandle, settings.retryDelaySeconds());
            }
        });
    }

    public long heartbeatsSent() {
        return heartbeatsSent.get();
    }

    private String queueUrlOf(Exchange exchange) {
        if (!(exchange.getFromEndpoint() instanceof Sqs2Endpoint sqsEndpoint)) {
            return null;
        }
        String configuredUrl = sqsEndpoint.getConfiguration().getQueueUrl();
        if (configuredUrl != null) {
            return configuredUrl;
        }
        return queueUrls.computeIfAbsent(sqsEndpoint.getConfiguration().getQueueName(),
                name -> sqs.getQueueUrl(request -> request.queueName(name)).queueUrl());
    }

    private int heartbeatIntervalSeconds(Exchange exchange) {
        Integer hint = exchange.getProperty(TaskEnvelope.HEARTBEAT_SECONDS, Integer.class);
        return hint != null ? Math.max(1, hint / 3) : settings.defaultHeartbeatIntervalSeconds();
    }

    private ScheduledFuture<?> scheduleHeartbeats(String token, int intervalSeconds) {
        String fingerprint = TaskTokens.fingerprint(token);
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        Runnable heartbeat = () -> {
            try {
                sfn.sendTaskHeartbeat(request -> request.taskToken(token));
                heartbeatsSent.incrementAndGet();
                LOG.debug("Heartbeat sent for {}", fingerprint);
            } catch (TaskTimedOutException | InvalidTokenException e) {
                // The task is closed or expired: further heartbeats cannot help, the answer will report it too.
                LOG.warn("Heartbeat for {} refused ({}); stopping heartbeats", fingerprint,
                        e.awsErrorDetails() == null ? e.getClass().getSimpleName() : e.awsErrorDetails().errorCode());
                self[0].cancel(false);
            } catch (RuntimeException e) {
                LOG.warn("Heartbeat for {} failed, will retry in {}s: {}", fingerprint, intervalSeconds, e.getMessage());
            }
        };
        // The state's heartbeat clock started when the message was sent, and the message may have waited in the queue
        // since; so the first heartbeat goes out soon after pickup, not a whole interval later. Not at once: LocalStack
        // cannot take a heartbeat in the moments after it sent the message.
        self[0] = scheduler.scheduleWithFixedDelay(heartbeat, Math.min(1, intervalSeconds), intervalSeconds,
                TimeUnit.SECONDS);
        return self[0];
    }

    private ScheduledFuture<?> scheduleVisibilityExtension(String queueUrl, String receiptHandle) {
        int every = Math.max(1, settings.visibilityTimeoutSeconds() / 2);
        return scheduler.scheduleWithFixedDelay(
                () -> changeVisibility(queueUrl, receiptHandle, settings.visibilityTimeoutSeconds()),
                every, every, TimeUnit.SECONDS);
    }

    private void changeVisibility(String queueUrl, String receiptHandle, int seconds) {
        if (queueUrl == null || receiptHandle == null) {
            return;
        }
        try {
            sqs.changeMessageVisibility(request -> request.queueUrl(queueUrl).receiptHandle(receiptHandle)
                    .visibilityTimeout(seconds));
        } catch (RuntimeException e) {
            // Deleted or expired receipt: SQS already decides the message's fate, nothing to rescue here.
            LOG.warn("Could not set visibility of a message on {} to {}s: {}", queueUrl, seconds, e.getMessage());
        }
    }
}
