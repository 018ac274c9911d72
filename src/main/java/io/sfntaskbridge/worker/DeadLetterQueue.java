package io.sfntaskbridge.worker;

import java.io.IOException;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfntaskbridge.aws.AwsRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Finds a work queue's DLQ once: the one its redrive policy names, else the configured fallback name; none without
 * either. Looked up on first need (a poison message, the queue sampler) and kept.
 */
final class DeadLetterQueue {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterQueue.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final AwsRetry retry;
    private final String queueUrl;
    private final String fallbackName;
    private final UnaryOperator<String> urlOfName;
    private volatile Optional<String> url;

    /** @param urlOfName the URL of a queue of this account and region by its name (GetQueueUrl) */
    DeadLetterQueue(SqsClient sqs, AwsRetry retry, String queueUrl, String fallbackName,
                    UnaryOperator<String> urlOfName) {
        this.sqs = sqs;
        this.retry = retry;
        this.queueUrl = queueUrl;
        this.fallbackName = fallbackName == null ? "" : fallbackName.strip();
        this.urlOfName = urlOfName;
    }

    Optional<String> url() {
        Optional<String> found = url;
        if (found == null) {
            found = lookUp();
            url = found;
        }
        return found;
    }

    Optional<String> knownUrl() {
        Optional<String> found = url;
        return found == null ? Optional.empty() : found;
    }

    private Optional<String> lookUp() {
        String policy = retry.call("SQS GetQueueAttributes", () -> sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes().get(QueueAttributeName.REDRIVE_POLICY));
        if (policy != null && !policy.isBlank()) {
            try {
                JsonNode arn = JSON.readTree(policy).get("deadLetterTargetArn");
                if (arn != null && arn.isTextual()) {
                    return Optional.of(urlOfName.apply(arn.asText().substring(arn.asText().lastIndexOf(':') + 1)));
                }
            } catch (IOException e) {
                LOG.debug("Unreadable redrive policy on {}: {}", queueUrl, e.getMessage());
            }
        }
        return fallbackName.isEmpty() ? Optional.empty() : Optional.of(urlOfName.apply(fallbackName));
    }
}
