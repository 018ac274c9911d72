package io.sfntaskbridge.enrich;

import java.io.InterruptedIOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import io.sfntaskbridge.task.SfnTaskErrors;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.support.processor.PredicateValidationException;

/**
 * Why one order line could not be enriched, as the Step Functions error name and cause it would fail a task with.
 * A 4xx answer or a line that fails validation (an SKU not fit for a URL) means the line itself was refused
 * ({@value SfnTaskErrors#INVALID_INPUT}), a call that got no answer in
 * time timed out ({@value SfnTaskErrors#TIMEOUT}), anything else left after retries is
 * {@value SfnTaskErrors#ENRICHMENT_FAILED}.
 *
 * @param error Step Functions error name
 * @param cause human-readable reason
 */
public record LineFailure(String error, String cause) {

    /** Classifies the exception a line's lookup ended with, looking through its cause chain. */
    public static LineFailure of(Throwable exception) {
        Set<Throwable> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable current = exception; current != null && visited.add(current); current = current.getCause()) {
            if (current instanceof HttpOperationFailedException http) {
                return http.getStatusCode() < 500
                        ? new LineFailure(SfnTaskErrors.INVALID_INPUT, "rejected with HTTP " + http.getStatusCode())
                        : new LineFailure(SfnTaskErrors.ENRICHMENT_FAILED, "HTTP " + http.getStatusCode());
            }
            if (current instanceof PredicateValidationException) {
                return new LineFailure(SfnTaskErrors.INVALID_INPUT, current.getMessage());
            }
            // SocketTimeoutException (no response) and HttpClient's ConnectTimeoutException are both of this kind.
            if (current instanceof InterruptedIOException) {
                return new LineFailure(SfnTaskErrors.TIMEOUT, "timed out (" + current.getMessage() + ")");
            }
        }
        return new LineFailure(SfnTaskErrors.ENRICHMENT_FAILED, String.valueOf(exception.getMessage()));
    }
}
