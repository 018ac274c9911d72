package io.sfntaskbridge.worker;

import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * One task as a {@link TaskSource} received it, before its envelope is opened: an SQS message of a work queue, or an
 * activity task from GetActivityTask.
 *
 * @param activityToken       the task token of an activity task; null for a message (its envelope carries it)
 * @param body                the message body (the envelope), or the activity task's input
 * @param sentTimestampMillis when the task was sent (SQS SentTimestamp); 0 when not known (an activity task)
 * @param message             the SQS message (receipt handle, attributes); null for an activity task
 */
public record Delivery(String activityToken, String body, long sentTimestampMillis, Message message) {

    static Delivery of(Message message) {
        String sent = message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
        return new Delivery(null, message.body(), sent == null ? 0 : Long.parseLong(sent), message);
    }

    /** The SQS message id, or null for an activity task. */
    public String messageId() {
        return message == null ? null : message.messageId();
    }

    /** How often SQS has delivered the message (ApproximateReceiveCount); 1 for an activity task. */
    public int receiveCount() {
        String count = message == null ? null : message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        return count == null ? 1 : Integer.parseInt(count);
    }

    String receiptHandle() {
        return message == null ? null : message.receiptHandle();
    }

    /** For logs: {@code SQS message <id>} or {@code activity task}; never the body or a token. */
    public String describe() {
        return message == null ? "activity task" : "SQS message " + message.messageId();
    }
}
