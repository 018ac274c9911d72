package io.sfntaskbridge.enrich;

/**
 * Lines of an order could not be enriched for different reasons, or for one that has no more specific error name.
 * {@code config/application.properties} maps it to {@code Bridge.EnrichmentFailed} for SendTaskFailure.
 */
public class EnrichmentFailedException extends RuntimeException {

    public EnrichmentFailedException(String message) {
        super(message);
    }
}
