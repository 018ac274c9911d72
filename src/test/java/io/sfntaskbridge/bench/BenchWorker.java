package io.sfntaskbridge.bench;

/** A worker under measurement: consumes one work queue with at most {@code concurrency} tasks in flight. */
interface BenchWorker extends AutoCloseable {

    String name();

    /** Starts consuming; answers are observed by {@link AnswerInterceptor}. */
    void start(String queueName, int concurrency, int latencyMillis) throws Exception;

    /** Most tasks in flight at once since {@link #start}. */
    int maxInFlight();

    @Override
    void close() throws Exception;
}
