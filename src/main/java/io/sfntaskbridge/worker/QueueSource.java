package io.sfntaskbridge.worker;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

import io.sfntaskbridge.aws.AwsRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;

/**
 * Tasks of an SQS work queue, the messages that the state machine's {@code sqs:sendMessage.waitForTaskToken} tasks
 * write. A receive long-polls for up to {@code waitTimeSeconds} and hides what it brings for the visibility timeout.
 * The worker's calls on a message are retried through {@link AwsRetry}: delete once its task is settled (in batches),
 * change its visibility to keep it hidden or hand it back, move a poison message to the DLQ. Nothing else ever deletes
 * a message.
 */
public final class QueueSource implements TaskSource {

    private static final Logger LOG = LoggerFactory.getLogger(QueueSource.class);
    /** SQS's longest visibility timeout: 12 hours. */
    static final int MAX_VISIBILITY_SECONDS = 43200;
    /** SQS returns at most 10 messages per receive. */
    static final int MAX_PER_RECEIVE = 10;
    /** How long a settled message may wait for others to share its delete call. */
    static final long DELETE_WINDOW_MILLIS = 50;

    private final SqsClient sqs;
    private final AwsRetry retry;
    private final String queueUrl;
    private final String name;
    private final int maxPerReceive;
    private final int waitTimeSeconds;
    private final int visibilityTimeoutSeconds;
    private final DeadLetterQueue deadLetters;
    private final DeleteBatcher deletes;

    /**
     * @param nameOrUrl       the queue's name or URL
     * @param fallbackDlqName DLQ for poison messages when the queue's redrive policy names none; may be blank
     * @param beforeDelete    runs before settled messages are deleted (the task ledger writes their closes)
     */
    public QueueSource(SqsClient sqs, AwsRetry retry, String nameOrUrl, int maxPerReceive, int waitTimeSeconds,
                       int visibilityTimeoutSeconds, String fallbackDlqName, Runnable beforeDelete) {
        this.sqs = sqs;
        this.retry = retry;
        this.queueUrl = nameOrUrl.startsWith("http") ? nameOrUrl : urlOf(nameOrUrl);
        this.name = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        this.maxPerReceive = Math.max(1, Math.min(MAX_PER_RECEIVE, maxPerReceive));
        this.waitTimeSeconds = waitTimeSeconds;
        this.visibilityTimeoutSeconds = visibilityTimeoutSeconds;
        this.deadLetters = new DeadLetterQueue(sqs, retry, queueUrl, fallbackDlqName, this::urlOf);
        this.deletes = new DeleteBatcher(sqs, retry, queueUrl, this::delete, beforeDelete);
    }

    private String urlOf(String queueName) {
        return retry.call("SQS GetQueueUrl", () -> sqs.getQueueUrl(r -> r.queueName(queueName)).queueUrl());
    }

    public String queueUrl() {
        return queueUrl;
    }

    /** The queue's name, the last part of its URL. */
    public String name() {
        return name;
    }

    @Override
    public String describe() {
        return "queue " + name;
    }

    @Override
    public String receiveCall() {
        return "SQS ReceiveMessage";
    }

    @Override
    public int maxPerReceive() {
        return maxPerReceive;
    }

    @Override
    public List<Delivery> receive(int max) {
        return sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(Math.min(max, maxPerReceive))
                .waitTimeSeconds(waitTimeSeconds).visibilityTimeout(visibilityTimeoutSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP,
                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                .messageAttributeNames("All")).messages().stream().map(Delivery::of).toList();
    }

    @Override
    public TaskEnvelope.Opened open(Delivery delivery) {
        return TaskEnvelope.open(delivery.body());
    }

    @Override
    public boolean canHandBack() {
        return true;
    }

    /** From now on settled messages are deleted in batches ({@link DeleteBatcher}), flushed on {@code scheduler}. */
    @Override
    public void start(ScheduledExecutorService scheduler) {
        deletes.start(scheduler, DELETE_WINDOW_MILLIS);
    }

    /** Deletes a settled task's message, in a batch with others settled within {@value #DELETE_WINDOW_MILLIS} ms. */
    @Override
    public void settled(Delivery delivery) {
        deletes.delete(delivery.receiptHandle());
    }

    @Override
    public void flush() throws InterruptedException {
        deletes.flush();
    }

    /** Deletes one message. A receipt that is no longer valid means SQS already redelivered it. */
    private void delete(String receiptHandle) {
        try {
            retry.run("SQS DeleteMessage", () -> sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(receiptHandle)));
        } catch (ReceiptHandleIsInvalidException e) {
            LOG.debug("Message already gone or received again; not deleted: {}", e.getMessage());
        } catch (RuntimeException e) {
            // Logged once per outage by the retry; the message comes back and is deleted as answered then.
            LOG.debug("Delete failed: {}", e.getMessage());
        }
    }

    @Override
    public void handBack(Delivery delivery, int seconds) {
        setVisibility(delivery, seconds);
    }

    @Override
    public boolean hasVisibility() {
        return true;
    }

    @Override
    public void extendVisibility(Delivery delivery) {
        setVisibility(delivery, visibilityTimeoutSeconds);
    }

    private void setVisibility(Delivery delivery, int seconds) {
        int visibility = Math.max(0, Math.min(MAX_VISIBILITY_SECONDS, seconds));
        try {
            retry.run("SQS ChangeMessageVisibility", () -> sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl)
                    .receiptHandle(delivery.receiptHandle()).visibilityTimeout(visibility)));
        } catch (ReceiptHandleIsInvalidException e) {
            LOG.debug("Message already gone or received again; visibility unchanged: {}", e.getMessage());
        }
    }

    /**
     * Moves a message that can never be answered to the DLQ at once, with the reason in message attribute
     * {@value DeadLetters#REASON_ATTRIBUTE}, and deletes it from the work queue. Without a DLQ it stays for SQS's
     * redrive. Logs one line, never the body or a token.
     */
    @Override
    public void reject(Delivery delivery, String reason) {
        Optional<String> dlq = deadLetterQueueUrl();
        if (dlq.isEmpty()) {
            LOG.warn("Unanswerable {}: {}; no DLQ known for {}, so it stays for SQS's redrive", delivery.describe(),
                    reason, name);
            return;
        }
        String target = dlq.get();
        retry.run("SQS SendMessage (DLQ)", () -> sqs.sendMessage(DeadLetters.request(delivery.message(), target, reason)));
        delete(delivery.receiptHandle());
        LOG.warn("Unanswerable {} moved to the DLQ: {}", delivery.describe(), reason);
    }

    /** The DLQ: the one the queue's redrive policy names, else the configured one; empty without either. */
    public Optional<String> deadLetterQueueUrl() {
        return deadLetters.url();
    }

    /** The DLQ if it was looked up already (by a poison message or the queue sampler); never calls SQS. */
    public Optional<String> knownDeadLetterQueueUrl() {
        return deadLetters.knownUrl();
    }
}
