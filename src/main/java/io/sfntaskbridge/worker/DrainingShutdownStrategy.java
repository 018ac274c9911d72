package io.sfntaskbridge.worker;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.impl.engine.DefaultShutdownStrategy;
import org.apache.camel.spi.RouteStartupOrder;

/**
 * Camel's graceful shutdown with the worker's drain in front: whenever routes stop (the context stopping on SIGTERM,
 * a route stopped or reloaded), their tasks are drained first ({@link TaskDrain}), while every route, including the
 * ones that answer failures, still runs. Camel's own shutdown then follows with its timeout, which only tasks that were
 * handed back and are still running can use up; they are stopped after it and can no longer answer.
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

    @Override
    protected boolean doShutdown(CamelContext context, List<RouteStartupOrder> routes, long timeout, TimeUnit timeUnit,
                                 boolean suspendOnly, boolean abortAfterTimeout, boolean forceShutdown)
            throws Exception {
        if (!suspendOnly && !forceShutdown) {
            Set<String> routeIds = new LinkedHashSet<>();
            List<Consumer> consumers = routes.stream().map(RouteStartupOrder::getInput).toList();
            routes.forEach(order -> routeIds.add(order.getRoute().getId()));
            drain.drain(routeIds, consumers);
        }
        return super.doShutdown(context, routes, timeout, timeUnit, suspendOnly, abortAfterTimeout, forceShutdown);
    }
}
