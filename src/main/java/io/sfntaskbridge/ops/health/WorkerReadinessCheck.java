package io.sfntaskbridge.ops.health;

import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of the worker: DOWN before its route has started (and while it is stopped or being replaced), while it
 * drains its tasks (a stop or a reload), and while its SQS receive is failing (AWS unreachable, credentials refused),
 * until a receive works again. Readiness only: none of these is cured by restarting the process, so liveness stays up.
 */
public class WorkerReadinessCheck extends AbstractHealthCheck {

    public static final String ID = "bridge-worker";

    private final String routeId;
    private final Supplier<ServiceStatus> routeStatus;
    private final BooleanSupplier draining;
    private final BooleanSupplier receiveFailing;

    /**
     * @param routeStatus    the worker route's status, null when there is no such route
     * @param draining       whether a drain is under way
     * @param receiveFailing whether the last receive failed
     */
    public WorkerReadinessCheck(String routeId, Supplier<ServiceStatus> routeStatus, BooleanSupplier draining,
                                BooleanSupplier receiveFailing) {
        super("bridge", ID);
        this.routeId = routeId;
        this.routeStatus = routeStatus;
        this.draining = draining;
        this.receiveFailing = receiveFailing;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("route.id", routeId);
        ServiceStatus status = routeStatus.get();
        builder.detail("route.status", status == null ? "absent" : status.name());
        if (status != ServiceStatus.Started) {
            builder.message("worker route " + routeId + " is " + (status == null ? "not loaded" : status.name())).down();
        } else if (draining.getAsBoolean()) {
            builder.detail("draining", true).message("worker is draining its tasks (stop or reload)").down();
        } else if (receiveFailing.getAsBoolean()) {
            builder.detail("receive.failing", true).message("SQS ReceiveMessage is failing").down();
        } else {
            builder.up();
        }
    }
}
