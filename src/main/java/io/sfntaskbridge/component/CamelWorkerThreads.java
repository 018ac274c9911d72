package io.sfntaskbridge.component;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import io.sfntaskbridge.worker.WorkerThreads;
import org.apache.camel.CamelContext;

/** A worker's threads from Camel's executor manager: named after the route, shut down with the context at the latest. */
final class CamelWorkerThreads implements WorkerThreads {

    private final CamelContext context;
    private final Object owner;

    CamelWorkerThreads(CamelContext context, Object owner) {
        this.context = context;
        this.owner = owner;
    }

    @Override
    public ExecutorService pool(String name, int threads) {
        return context.getExecutorServiceManager().newFixedThreadPool(owner, name, threads);
    }

    @Override
    public ScheduledExecutorService scheduler(String name, int threads) {
        return context.getExecutorServiceManager().newScheduledThreadPool(owner, name, threads);
    }

    @Override
    public void shutdown(ExecutorService executor) {
        context.getExecutorServiceManager().shutdownNow(executor);
    }
}
