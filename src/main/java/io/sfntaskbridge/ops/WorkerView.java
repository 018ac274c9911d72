package io.sfntaskbridge.ops;

import java.util.ArrayList;
import java.util.List;

import io.sfntaskbridge.component.SfnTaskConsumer;
import io.sfntaskbridge.component.SfnTaskEndpoint;
import io.sfntaskbridge.task.WorkerLoad;
import io.sfntaskbridge.worker.QueueSource;
import io.sfntaskbridge.worker.TaskWorker;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;

/**
 * One worker of the runtime as health, the status page and the queue sampler see it, read from its route at that
 * moment: every route whose endpoint is {@code sfn-task:queue:...} or {@code sfn-task:activity:...}.
 *
 * @param routeId        the worker's route
 * @param source         what it works: {@code queue <name>} or {@code activity <name or ARN>}
 * @param status         its route's status
 * @param load           its cap's figures; null while the worker is not running
 * @param queue          its queue (queue workers, while running), else null
 * @param draining       whether it drains (a stop or a reload)
 * @param receiveFailing whether its last receive failed
 * @param storeFailing   whether its task ledger or its cap's store is unreachable
 */
public record WorkerView(String routeId, String source, ServiceStatus status, WorkerLoad load, QueueSource queue,
        boolean draining, boolean receiveFailing, boolean storeFailing) {

    /** The workers of {@code context}, in route order. */
    public static List<WorkerView> of(CamelContext context) {
        List<WorkerView> workers = new ArrayList<>();
        for (Route route : context.getRoutes()) {
            if (route.getEndpoint() instanceof SfnTaskEndpoint endpoint && endpoint.getConfiguration().getAction().isWorker()) {
                TaskWorker worker = route.getConsumer() instanceof SfnTaskConsumer consumer ? consumer.getWorker() : null;
                String source = endpoint.getConfiguration().getAction() + " " + endpoint.getConfiguration().getName();
                ServiceStatus status = context.getRouteController().getRouteStatus(route.getRouteId());
                workers.add(worker == null ? new WorkerView(route.getRouteId(), source, status, null, null, false, false,
                        false) : new WorkerView(route.getRouteId(), source, status, worker.permits(),
                        worker.source() instanceof QueueSource queue ? queue : null, worker.isDraining(),
                        worker.isReceiveFailing(), worker.isStoreFailing()));
            }
        }
        return workers;
    }
}
