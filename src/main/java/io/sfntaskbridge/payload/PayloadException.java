package io.sfntaskbridge.payload;

/**
 * A payload could not be stored in or read from S3. {@link #errorName()} is the name a task fails with:
 * {@value #NOT_FOUND}, {@value #UNREADABLE} or {@value #STORE_FAILED}; the message names the object, never its bytes.
 */
public class PayloadException extends RuntimeException {

    /** A pointer names an object that does not exist (deleted, expired, or never written). */
    public static final String NOT_FOUND = "Bridge.PayloadNotFound";
    /** A pointer's object could not be read: access denied, not JSON, or not the size or SHA-256 it names. */
    public static final String UNREADABLE = "Bridge.PayloadUnreadable";
    /** A payload over the threshold could not be written to S3; the task was not answered with it. */
    public static final String STORE_FAILED = "Bridge.PayloadStoreFailed";

    private final String errorName;

    public PayloadException(String errorName, String message, Throwable cause) {
        super(message, cause);
        this.errorName = errorName;
    }

    public String errorName() {
        return errorName;
    }
}
