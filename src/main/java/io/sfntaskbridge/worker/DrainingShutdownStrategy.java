package io.sfntaskbridge.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.engine.DefaultShutdownStrategy;
import org.apache.camel.spi.RouteStartupOrder;

/**
 * Camel's graceful shutdown with the workers' drains in front: whenever worker routes stop (the context stopping on
 * SIGTERM, a route stopped or reloaded), the tasks of each ({@link Drainable}, every {@code sfn-task} consumer) are
 * drained first, all workers at once, while every route, including the ones that do the work, still runs. Camel's own
 * shutdown then follows with its timeout, which only tasks that were handed back and are still running can use up;
 * they are stopped after it and can no longer answer.
 * <p>
 * A stop takes at most the longest drain timeout plus this strategy's timeout; a process supervisor must allow more
 * (Kubernetes: {@code terminationGracePeriodSeconds}).
 */
public class DrainingShutdownStrategy extends DefaultShutdownStrategy {

    public DrainingShutdownStrategy(CamelContext camelContext, long timeoutSeconds) {
        super(camelContext);
        setTimeout(timeoutSeconds);
        setTimeUnit(TimeUnit.SECONDS);
    }

    // Camel stops a context through shutdownForced (forceShutdown=true): the drain runs then too, before anything
    // is forced; only a suspend skips it.
    @Override
    protected boolean doShutdown(CamelContext context, List<RouteStartupOrder> routes, long timeout, TimeUnit timeUnit,
                                 boolean suspendOnly, boolean abortAfterTimeout, boolean forceShutdown)
            throws Exception {
        if (!suspendOnly) {
            drainAll(context, routes);
        }
        return super.doShutdown(context, routes, timeout, timeUnit, suspendOnly, abortAfterTimeout, forceShutdown);
    }

    private void drainAll(CamelContext context, List<RouteStartupOrder> routes) throws Exception {
        List<Drainable> workers = new ArrayList<>();
        for (RouteStartupOrder order : routes) {
            if (order.getInput() instanceof Drainable worker) {
                workers.add(worker);
            }
        }
        if (workers.size() == 1) {
            workers.get(0).drain();
        } else if (!workers.isEmpty()) {
            ExecutorService drains = context.getExecutorServiceManager().newFixedThreadPool(this, "Drain", workers.size());
            try {
                List<Future<?>> running = new ArrayList<>();
                for (Drainable worker : workers) {
                    running.add(drains.submit(() -> {
                        worker.drain();
                        return null;
                    }));
                }
                for (Future<?> drain : running) {
                    drain.get();
                }
            } finally {
                context.getExecutorServiceManager().shutdownNow(drains);
            }
        }
    }
}
