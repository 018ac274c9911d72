package io.sfntaskbridge.worker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the worker's in-flight gauge and release counts ({@link TaskPermits#summary()}) periodically, but only after
 * something happened since the last line, so an idle worker stays quiet. JMX is off by default, so this line and the
 * {@code concurrencyGate} bean's getters are how an operator reads the gauge.
 */
final class InFlightReport implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(InFlightReport.class);

    private final TaskPermits permits;
    private String lastSummary = "";

    InFlightReport(TaskPermits permits) {
        this.permits = permits;
    }

    @Override
    public void run() {
        String summary = permits.summary();
        if (!summary.equals(lastSummary)) {
            LOG.info("Tasks {}", summary);
            lastSummary = summary;
        }
    }
}
