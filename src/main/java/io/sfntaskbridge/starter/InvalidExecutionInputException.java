package io.sfntaskbridge.starter;

/** The execution input is not what the state machine expects; the message says why, for the sender. */
public class InvalidExecutionInputException extends Exception {

    public InvalidExecutionInputException(String message) {
        super(message);
    }
}
