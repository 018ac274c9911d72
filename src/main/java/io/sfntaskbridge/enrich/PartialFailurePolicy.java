package io.sfntaskbridge.enrich;

/** What an order with some lines that could not be enriched turns into ({@code bridge.enrich.partial-failure}). */
public enum PartialFailurePolicy {

    /** The task fails, naming the failed lines; the workflow's Retry/Catch decide what happens next. */
    FAIL,

    /** The task succeeds with status {@code PARTIALLY_ENRICHED}; each failed line carries its error and cause. */
    PARTIAL
}
