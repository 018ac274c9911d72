package io.sfntaskbridge.worker;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a worker without stranding a task. Receiving stops at once; tasks waiting for a working slot of a queue worker
 * have not started, so they go back to the queue at once; tasks in flight get the drain timeout to finish and answer;
 * the rest are handed back (claim released, message visible at once) so another instance takes them straight away. A
 * receive under way may still bring tasks: a queue worker hands them back unstarted, an activity worker works them
 * (there is no queue to hand an activity task back to). An activity task still unfinished at the end is failed with
 * {@code Bridge.WorkerStopped}. One line reports the drain's start, one its end.
 */
final class WorkerDrain {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerDrain.class);
    private static final long POLL_MILLIS = 100;

    private final WorkerSettings settings;
    private final TaskSource source;
    private final Supplier<List<LiveTask>> live;
    private final TaskPermits permits;
    private final Settlement settlement;
    // Every task held during the drain, also those that arrived and went back between two looks at the live set.
    private final Set<LiveTask> seen = ConcurrentHashMap.newKeySet();

    WorkerDrain(WorkerSettings settings, TaskSource source, Supplier<List<LiveTask>> live, TaskPermits permits,
                Settlement settlement) {
        this.settings = settings;
        this.source = source;
        this.live = live;
        this.permits = permits;
        this.settlement = settlement;
    }

    /** A task arrived while the drain runs. */
    void saw(LiveTask task) {
        seen.add(task);
    }

    /** Runs the drain; receiving has been stopped and, for a queue worker, the waiting room closed ({@code waiting}). */
    void run(List<LiveTask> waiting) throws InterruptedException {
        long started = System.nanoTime();
        seen.addAll(live.get());
        int waitingHandedBack = 0;
        for (LiveTask task : waiting) {
            waitingHandedBack += settlement.handBack(task) ? 1 : 0;
        }
        if (seen.isEmpty() && permits.receivesUnderWay() == 0) {
            return;
        }
        Duration timeout = settings.drainTimeout();
        LOG.info("Draining [{}]: {} tasks in flight get up to {} s to finish{}", settings.routeId(),
                seen.size() - waitingHandedBack, timeout.toSeconds(),
                waitingHandedBack == 0 ? "" : "; " + waitingHandedBack + " waiting for a slot handed back at once");
        long deadline = started + timeout.toNanos();
        // A receive under way when receiving stopped may still bring tasks: they are drained as well.
        while ((!live.get().isEmpty() || permits.receivesUnderWay() > 0) && System.nanoTime() < deadline) {
            seen.addAll(live.get());
            Thread.sleep(POLL_MILLIS);
        }
        List<LiveTask> left = live.get();
        seen.addAll(left);
        left.forEach(settlement::handBack);
        if (permits.receivesUnderWay() > 0) {
            LOG.warn("Drain of [{}]: {} receive(s) of {} still open are abandoned; a task Step Functions hands to one"
                     + " now is lost until its HeartbeatSeconds run out", settings.routeId(), permits.receivesUnderWay(),
                    source.describe());
        }
        // Counted from the tasks: one still on its way when the drain began went back too
        long handedBack = seen.stream().filter(LiveTask::returned).count();
        LOG.info("Drained [{}] in {} ms: {} tasks finished, {} {}", settings.routeId(),
                (System.nanoTime() - started) / 1_000_000, seen.size() - handedBack, handedBack,
                source.canHandBack() ? "handed back to the queue" : "failed with Bridge.WorkerStopped");
    }
}
