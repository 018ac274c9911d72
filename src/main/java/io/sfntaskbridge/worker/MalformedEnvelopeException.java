package io.sfntaskbridge.worker;

/**
 * A queue message that can never be answered because it carries no usable task token: the worker moves it to the
 * queue's DLQ on its first receive, with this message as the reason, and deletes it.
 */
public class MalformedEnvelopeException extends RuntimeException {

    public MalformedEnvelopeException(String message) {
        super(message);
    }

    public MalformedEnvelopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
