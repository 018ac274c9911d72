package io.sfntaskbridge.task;

/** The ledger's storage could not be reached or refused the statement; the message's fate stays undecided. */
public class TaskLedgerException extends RuntimeException {

    public TaskLedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
