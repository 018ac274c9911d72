package io.sfntaskbridge.worker;

/**
 * The envelope has a valid task token but its input cannot be processed. Being an {@link IllegalArgumentException},
 * it maps to {@code Bridge.InvalidInput} under the sfn-task component's default error mapping, so the workflow gets a
 * SendTaskFailure it can {@code Catch} instead of waiting for a timeout.
 */
public class InvalidTaskInputException extends IllegalArgumentException {

    public InvalidTaskInputException(String message) {
        super(message);
    }
}
