package io.sfntaskbridge.task;

/**
 * Error names this bridge sends with SendTaskFailure. They are part of the contract with state machines: ASL
 * {@code Retry} and {@code Catch} blocks match them in {@code ErrorEquals}, so they must never change.
 */
public final class SfnTaskErrors {

    /** The work failed for a reason no more specific name covers; the default error name. */
    public static final String TASK_FAILED = "Bridge.TaskFailed";

    /**
     * The work item could not be understood: malformed JSON, an unusable payload or an illegal argument
     * ({@code JsonProcessingException}, {@code InvalidPayloadException}, {@code IllegalArgumentException}).
     */
    public static final String INVALID_INPUT = "Bridge.InvalidInput";

    /**
     * The work did not finish in time ({@code SocketTimeoutException}, {@code TimeoutException},
     * {@code ExchangeTimedOutException}); usually worth a Retry.
     */
    public static final String TIMEOUT = "Bridge.Timeout";

    /** The result exceeded the SendTaskSuccess output limit and was not sent; the output is never truncated. */
    public static final String OUTPUT_TOO_LARGE = "Bridge.OutputTooLarge";

    /** The result meant for SendTaskSuccess was not valid JSON. */
    public static final String INVALID_OUTPUT = "Bridge.InvalidOutput";

    /** Enriching the work item with data from another system failed: lines that could not be enriched after retries. */
    public static final String ENRICHMENT_FAILED = "Bridge.EnrichmentFailed";

    /**
     * An activity task the worker could not finish before it stopped (SIGTERM, a route stopped or reloaded): there is
     * no queue to hand it back to, so it is failed with this name; give the state a {@code Retry} on it.
     */
    public static final String WORKER_STOPPED = "Bridge.WorkerStopped";

    private SfnTaskErrors() {
    }
}
