package io.sfntaskbridge.worker;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.impl.engine.DefaultShutdownStrategy;
import org.apache.camel.spi.RouteStartupOrder;
import org.apache.camel.support.ScheduledPollConsumer;

/**
 * Camel's graceful shutdown with the worker's drain in front: whenever worker routes stop (the context stopping on
 * SIGTERM, a route stopped or reloaded), their tasks are drained first ({@link TaskDrain}), while every route,
 * including the ones that answer failures, still runs. A worker route is one whose consumer polls through the
 * {@link ConcurrencyGate}; other routes stop as Camel stops them. Camel's own shutdown then follows with its timeout,
 * which only tasks that were handed back and are still running can use up; they are stopped after it and can no
 * longer answer.
 * <p>
 * The stop takes at most the drain timeout plus this strategy's timeout; a process supervisor must allow more
 * (Kubernetes: {@code terminationGracePeriodSeconds}).
 */
public class DrainingShutdownStrategy extends DefaultShutdownStrategy {

    private final TaskDrain drain;

    public DrainingShutdownStrategy(CamelContext camelContext, TaskDrain drain, long timeoutSeconds) {
        super(camelContext);
        this.drain = drain;
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
            Set<String> workerRoutes = new LinkedHashSet<>();
            List<Consumer> consumers = new ArrayList<>();
            for (RouteStartupOrder order : routes) {
                if (order.getInput() instanceof ScheduledPollConsumer polling
                    && polling.getPollStrategy() instanceof ConcurrencyGate) {
                    workerRoutes.add(order.getRoute().getId());
                    consumers.add(polling);
                }
            }
            if (!workerRoutes.isEmpty()) {
                drain.drain(workerRoutes, consumers);
            }
        }
        return super.doShutdown(context, routes, timeout, timeUnit, suspendOnly, abortAfterTimeout, forceShutdown);
    }
}
