package io.sfntaskbridge.worker;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the worker without stranding a task. Receiving stops at once; tasks in flight get {@code drainTimeout} to
 * finish and answer; the rest are handed back (claim released, message visible at once) so another instance takes them
 * straight away. One line reports the drain. Runs for every stop of a worker route: the runtime's SIGTERM, a route
 * stopped or reloaded ({@link DrainingShutdownStrategy}).
 */
public class TaskDrain {

    private static final Logger LOG = LoggerFactory.getLogger(TaskDrain.class);
    private static final long POLL_MILLIS = 100;

    private final CamelContext camelContext;
    private final Duration drainTimeout;
    private final AtomicBoolean draining = new AtomicBoolean();

    /** Finds the worker's {@code concurrencyGate} and {@code taskKeepAlive} when a drain starts. */
    public TaskDrain(CamelContext camelContext, Duration drainTimeout) {
        this.camelContext = camelContext;
        this.drainTimeout = drainTimeout;
    }

    public Duration timeout() {
        return drainTimeout;
    }

    /** Whether a drain is under way (readiness is down meanwhile). */
    public boolean isDraining() {
        return draining.get();
    }

    /**
     * Drains the tasks of the given routes, whose consumers are {@code consumers}. Returns when every task is
     * answered or handed back: at the latest after the drain timeout plus the hand-back calls.
     */
    public void drain(Set<String> routeIds, List<Consumer> consumers) throws InterruptedException {
        ConcurrencyGate gate = camelContext.getRegistry().findSingleByType(ConcurrencyGate.class);
        TaskKeepAlive keepAlive = camelContext.getRegistry().findSingleByType(TaskKeepAlive.class);
        if (gate == null || keepAlive == null) {
            return;
        }
        consumers.forEach(gate::close);
        long started = System.nanoTime();
        // Tasks waiting for a working slot have not started: back to the queue at once, for another instance
        WaitingRoom room = gate.waitingRoom();
        Set<Exchange> waiting = room == null ? Set.of() : new HashSet<>(room.close());
        draining.set(true);
        try {
            Set<LiveTask> seen = new HashSet<>(keepAlive.liveTasks(routeIds));
            int waitingHandedBack = keepAlive.handBack(seen.stream().filter(task -> waiting.contains(task.exchange))
                    .toList());
            if (seen.isEmpty() && gate.permits().receivesUnderWay() == 0) {
                return;
            }
            LOG.info("Draining {}: {} tasks in flight get up to {} s to finish{}", routeIds,
                    seen.size() - waitingHandedBack, drainTimeout.toSeconds(),
                    waitingHandedBack == 0 ? "" : "; " + waitingHandedBack + " waiting for a slot handed back at once");
            long deadline = started + drainTimeout.toNanos();
            // A receive under way when the gate closed may still bring tasks: they are drained as well.
            while ((!keepAlive.liveTasks(routeIds).isEmpty() || gate.permits().receivesUnderWay() > 0)
                   && System.nanoTime() < deadline) {
                seen.addAll(keepAlive.liveTasks(routeIds));
                Thread.sleep(POLL_MILLIS);
            }
            List<LiveTask> left = keepAlive.liveTasks(routeIds);
            seen.addAll(left);
            keepAlive.handBack(left);
            // Counted from the tasks: one still on its way to the waiting room when the drain began went back too
            long handedBack = seen.stream().filter(LiveTask::returned).count();
            LOG.info("Drained {} in {} ms: {} tasks finished, {} handed back to the queue", routeIds,
                    (System.nanoTime() - started) / 1_000_000, seen.size() - handedBack, handedBack);
        } finally {
            if (room != null) {
                room.reopen();
            }
            draining.set(false);
        }
    }
}
