package io.sfntaskbridge.worker;

/**
 * A queue message that cannot be answered because it carries no usable task token. It is deliberately left
 * unhandled: the message is not deleted, SQS redelivers it, and after {@code maxReceiveCount} receives the redrive
 * policy parks it in the DLQ where an operator can inspect it.
 */
public class MalformedEnvelopeException extends RuntimeException {

    public MalformedEnvelopeException(String message) {
        super(message);
    }

    public MalformedEnvelopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
