package io.sfntaskbridge.worker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a worker's in-flight count and release counts ({@link TaskPermits#summary()}) periodically, but only after a
 * task started or ended since the last line ({@link TaskPermits#taskSummary()}), so an idle worker, whose empty polls
 * reserve and return permits all the time, stays quiet. Permits reserved by waiting polls are reported apart from
 * tasks. The same figures are metrics on the management port ({@code sfn_bridge_tasks_in_flight{routeId=...}}).
 */
final class InFlightReport implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(InFlightReport.class);

    private final String routeId;
    private final TaskPermits permits;
    private String lastTasks = "";

    InFlightReport(String routeId, TaskPermits permits) {
        this.routeId = routeId;
        this.permits = permits;
    }

    @Override
    public void run() {
        String tasks = permits.taskSummary();
        if (!tasks.equals(lastTasks)) {
            LOG.info("Tasks of {}: {}", routeId, permits.summary());
            lastTasks = tasks;
        }
    }
}
