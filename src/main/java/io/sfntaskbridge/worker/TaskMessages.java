package io.sfntaskbridge.worker;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfntaskbridge.component.AwsRetry;
import org.apache.camel.Exchange;
import org.apache.camel.Handler;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;

/**
 * The worker's calls on the work queue's messages, each retried through {@link AwsRetry}: delete once the task is
 * settled, change visibility to hand a message back, and move a poison message to the DLQ. The worker route's consumer
 * runs with {@code deleteAfterRead=false}, so these are the only places a message leaves the queue.
 */
public class TaskMessages {

    private static final Logger LOG = LoggerFactory.getLogger(TaskMessages.class);
    /** SQS's longest visibility timeout: 12 hours. */
    static final int MAX_VISIBILITY_SECONDS = 43200;

    private final SqsClient sqs;
    private final AwsRetry retry;
    private final String fallbackDlqName;
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> dlqUrls = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param fallbackDlqName DLQ for poison messages when the work queue has no redrive policy naming one; may be blank
     */
    public TaskMessages(SqsClient sqs, AwsRetry retry, String fallbackDlqName) {
        this.sqs = sqs;
        this.retry = retry;
        this.fallbackDlqName = fallbackDlqName == null ? "" : fallbackDlqName.strip();
    }

    /** The URL of the queue the exchange was received from, or null when it did not come from aws2-sqs. */
    public String queueUrlOf(Exchange exchange) {
        if (!(exchange.getFromEndpoint() instanceof Sqs2Endpoint sqsEndpoint)) {
            return null;
        }
        String configuredUrl = sqsEndpoint.getConfiguration().getQueueUrl();
        return configuredUrl != null ? configuredUrl : urlOfQueue(sqsEndpoint.getConfiguration().getQueueName());
    }

    private String urlOfQueue(String name) {
        return queueUrls.computeIfAbsent(name, n -> retry.call("SQS GetQueueUrl",
                () -> sqs.getQueueUrl(r -> r.queueName(n)).queueUrl()));
    }

    /** Deletes a settled task's message. A receipt that is no longer valid means SQS already redelivered it. */
    public void delete(String queueUrl, String receiptHandle) {
        try {
            retry.run("SQS DeleteMessage", () -> sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(receiptHandle)));
        } catch (ReceiptHandleIsInvalidException e) {
            LOG.debug("Message already gone or received again; not deleted: {}", e.getMessage());
        }
    }

    /** Sets how long the message stays hidden; 0 hands it back to the queue at once. */
    public void setVisibility(String queueUrl, String receiptHandle, int seconds) {
        int visibility = Math.max(0, Math.min(MAX_VISIBILITY_SECONDS, seconds));
        try {
            retry.run("SQS ChangeMessageVisibility", () -> sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl)
                    .receiptHandle(receiptHandle).visibilityTimeout(visibility)));
        } catch (ReceiptHandleIsInvalidException e) {
            LOG.debug("Message already gone or received again; visibility unchanged: {}", e.getMessage());
        }
    }

    /** The route step of a poison message's error handler: {@link #deadLetter(Exchange, String)} with its reason. */
    @Handler
    public void deadLetter(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        deadLetter(exchange, caught == null || caught.getMessage() == null ? "no usable task envelope" : caught.getMessage());
    }

    /**
     * Moves a message that can never be answered to the DLQ at once, with the reason in message attribute
     * {@value DeadLetters#REASON_ATTRIBUTE}, and deletes it from the work queue. Without a DLQ it stays for SQS's
     * redrive. Logs one line, never the body or a token.
     */
    public void deadLetter(Exchange exchange, String reason) {
        String queueUrl = queueUrlOf(exchange);
        String messageId = exchange.getMessage().getHeader("CamelAwsSqsMessageId", String.class);
        Optional<String> dlqUrl = queueUrl == null ? Optional.empty() : dlqUrls.computeIfAbsent(queueUrl, this::dlqOf);
        if (dlqUrl.isEmpty()) {
            LOG.warn("Unanswerable SQS message {}: {}; no DLQ known for its queue, so it stays for SQS's redrive",
                    messageId, reason);
            return;
        }
        retry.run("SQS SendMessage (DLQ)", () -> sqs.sendMessage(DeadLetters.request(exchange, dlqUrl.get(), reason)));
        delete(queueUrl, exchange.getMessage().getHeader("CamelAwsSqsReceiptHandle", String.class));
        LOG.warn("Unanswerable SQS message {} moved to the DLQ: {}", messageId, reason);
    }

    // The queue's own redrive policy names its DLQ; the configured name is the fallback.
    private Optional<String> dlqOf(String queueUrl) {
        String policy = retry.call("SQS GetQueueAttributes", () -> sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes().get(QueueAttributeName.REDRIVE_POLICY));
        if (policy != null && !policy.isBlank()) {
            try {
                JsonNode arn = json.readTree(policy).get("deadLetterTargetArn");
                if (arn != null && arn.isTextual()) {
                    return Optional.of(urlOfQueue(arn.asText().substring(arn.asText().lastIndexOf(':') + 1)));
                }
            } catch (java.io.IOException e) {
                LOG.debug("Unreadable redrive policy on {}: {}", queueUrl, e.getMessage());
            }
        }
        return fallbackDlqName.isEmpty() ? Optional.empty() : Optional.of(urlOfQueue(fallbackDlqName));
    }
}
