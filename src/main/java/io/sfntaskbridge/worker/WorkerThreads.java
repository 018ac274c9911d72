package io.sfntaskbridge.worker;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/** Where a {@link TaskWorker}'s threads come from: for the {@code sfn-task} consumer, Camel's executor manager. */
public interface WorkerThreads {

    ExecutorService pool(String name, int threads);

    ScheduledExecutorService scheduler(String name, int threads);

    /** Stops a pool made here, interrupting what still runs. */
    void shutdown(ExecutorService executor);
}
