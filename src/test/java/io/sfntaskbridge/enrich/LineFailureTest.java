package io.sfntaskbridge.enrich;

import java.net.SocketTimeoutException;

import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.support.builder.PredicateBuilder;
import org.apache.camel.support.processor.PredicateValidationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineFailureTest {

    @Test
    void clientErrorIsInvalidInput() {
        assertThat(LineFailure.of(new HttpOperationFailedException("http://x", 404, "Not Found", null, null, null)))
                .isEqualTo(new LineFailure("Bridge.InvalidInput", "rejected with HTTP 404"));
    }

    @Test
    void serverErrorIsEnrichmentFailed() {
        assertThat(LineFailure.of(new HttpOperationFailedException("http://x", 503, "Unavailable", null, null, null)))
                .isEqualTo(new LineFailure("Bridge.EnrichmentFailed", "HTTP 503"));
    }

    @Test
    void wrappedTimeoutIsTimeout() {
        LineFailure failure = LineFailure.of(new RuntimeException(new SocketTimeoutException("Read timed out")));
        assertThat(failure.error()).isEqualTo("Bridge.Timeout");
        assertThat(failure.cause()).contains("Read timed out");
    }

    @Test
    void skuThatFailsValidationIsInvalidInput() {
        LineFailure failure = LineFailure.of(new PredicateValidationException(null,
                PredicateBuilder.constant(false)));
        assertThat(failure.error()).isEqualTo("Bridge.InvalidInput");
    }

    @Test
    void causeCycleEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);
        assertThat(LineFailure.of(first).error()).isEqualTo("Bridge.EnrichmentFailed");
    }
}
