package io.sfntaskbridge.ops.health;

import java.util.Map;
import java.util.function.Supplier;

import io.sfntaskbridge.reload.RouteReloads;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Shows a refused route edit on {@code /observe/health} until a valid edit follows: DOWN, with the file, line and
 * reason. Neither liveness nor readiness: the running routes are the previous, valid ones and keep working, so the
 * instance must neither restart nor leave the load balancer; an operator must fix the file.
 */
public class RouteReloadCheck extends AbstractHealthCheck {

    public static final String ID = "bridge-route-files";

    private final Supplier<RouteReloads> reloads;

    public RouteReloadCheck(Supplier<RouteReloads> reloads) {
        super("bridge", ID);
        this.reloads = reloads;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    public boolean isReadiness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        RouteReloads state = reloads.get();
        RouteReloads.Last last = state == null ? null : state.last();
        if (last == null || last.applied()) {
            builder.up();
            return;
        }
        builder.detail("refused.at", last.at().toString()).detail("refused.files", String.join(",", last.files()))
                .message("route edit refused, running routes unchanged: " + last.summary()).down();
    }
}
