package io.sfntaskbridge.ops.health;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.sfntaskbridge.ops.WorkerView;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of the workers: DOWN while there is none, and while any of them has not started (or is stopped or being
 * replaced), drains its tasks (a stop or a reload), cannot receive (AWS unreachable, credentials refused) or cannot
 * reach its task ledger or its cap's store, until that passes. Each worker's state is a detail named after its route.
 * Readiness only: none of these is cured by restarting the process, so liveness stays up.
 */
public class WorkerReadinessCheck extends AbstractHealthCheck {

    public static final String ID = "bridge-worker";

    private final Supplier<List<WorkerView>> workers;

    public WorkerReadinessCheck(Supplier<List<WorkerView>> workers) {
        super("bridge", ID);
        this.workers = workers;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<WorkerView> all = workers.get();
        if (all.isEmpty()) {
            builder.message("no worker route (sfn-task:queue or sfn-task:activity) is loaded").down();
            return;
        }
        String problem = null;
        for (WorkerView worker : all) {
            String state = stateOf(worker);
            builder.detail("worker." + worker.routeId(), state);
            if (!"ready".equals(state) && problem == null) {
                problem = "worker " + worker.routeId() + " (" + worker.source() + ") " + state;
            }
        }
        if (problem == null) {
            builder.up();
        } else {
            builder.message(problem).down();
        }
    }

    private static String stateOf(WorkerView worker) {
        if (worker.status() != ServiceStatus.Started || worker.load() == null) {
            return "is " + (worker.status() == null ? "not loaded" : worker.status().name());
        }
        if (worker.draining()) {
            return "is draining its tasks (stop or reload)";
        }
        if (worker.receiveFailing()) {
            return "cannot receive: " + (worker.source().startsWith("queue") ? "SQS ReceiveMessage" : "GetActivityTask")
                   + " is failing";
        }
        if (worker.storeFailing()) {
            return "cannot reach its task ledger or the store of its cap across instances";
        }
        return "ready";
    }
}
