package io.sfntaskbridge.worker;

import java.util.HashMap;
import java.util.Map;

import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** Builds the DLQ copy of a poison message: the body and attributes as received, plus why it was refused. */
final class DeadLetters {

    /** Message attribute that says why the worker moved the message to the DLQ. */
    static final String REASON_ATTRIBUTE = "SfnTaskBridgeRejectReason";
    /** Message attribute with the message's id on the work queue. */
    static final String SOURCE_MESSAGE_ATTRIBUTE = "SfnTaskBridgeSourceMessageId";
    // SQS allows 10 message attributes; ours take two.
    private static final int MAX_COPIED_ATTRIBUTES = 8;
    private static final int MAX_REASON_CHARS = 1000;

    private DeadLetters() {
    }

    static SendMessageRequest request(Message message, String dlqUrl, String reason) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        message.messageAttributes().entrySet().stream().limit(MAX_COPIED_ATTRIBUTES)
                .forEach(e -> attributes.put(e.getKey(), e.getValue()));
        attributes.put(REASON_ATTRIBUTE, text(reason.length() > MAX_REASON_CHARS
                ? reason.substring(0, MAX_REASON_CHARS) : reason));
        attributes.put(SOURCE_MESSAGE_ATTRIBUTE, text(message.messageId()));
        String body = message.body();
        return SendMessageRequest.builder().queueUrl(dlqUrl).messageBody(body == null || body.isEmpty() ? " " : body)
                .messageAttributes(attributes).build();
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
