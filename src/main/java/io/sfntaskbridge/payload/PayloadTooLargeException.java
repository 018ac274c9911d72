package io.sfntaskbridge.payload;

/** A payload is over Step Functions' limit and no bucket is configured to store it in. */
public class PayloadTooLargeException extends IllegalArgumentException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
