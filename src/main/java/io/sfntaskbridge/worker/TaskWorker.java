package io.sfntaskbridge.worker;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.sfntaskbridge.task.FaultLog;
import io.sfntaskbridge.task.TaskEvents;
import io.sfntaskbridge.task.TaskLedger;
import io.sfntaskbridge.task.TaskSlots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * One worker: receives tasks from its {@link TaskSource} under a hard cap, keeps each alive, claims it in the task
 * ledger, lets it wait for a working slot, runs the {@link TaskWork}, answers, and settles its delivery. Every task holds
 * a permit of the cap ({@link TaskPermits}) and a thread of its own from its receipt to its settlement, so the cap holds
 * however asynchronous the work is. {@link #drain} stops it without stranding a task. Nothing here knows Camel; the
 * {@code sfn-task} consumer supplies the threads and the work.
 */
public final class TaskWorker {

    private static final Logger LOG = LoggerFactory.getLogger(TaskWorker.class);

    private final WorkerSettings settings;
    private final TaskSource source;
    private final TaskEvents events;
    private final TaskPermits permits;
    private final WaitingRoom room;
    private final TaskClaims claims;
    private final TaskRun run;
    private final Settlement settlement;
    private final GlobalSlots globalSlots;
    private final SfnClient sfn;
    private final TaskLedger ledger;
    private final Set<LiveTask> live = ConcurrentHashMap.newKeySet();
    private final FaultLog receiveFaults = new FaultLog(LoggerFactory.getLogger(Poller.class));
    private final List<Poller> pollers = new ArrayList<>();
    private final WorkerDrain drain;
    private WorkerThreads threads;
    private ExecutorService pollerPool;
    private ExecutorService workerPool;
    private ScheduledExecutorService keepAlivePool;
    private ScheduledExecutorService deletePool;
    private KeepAliveJobs keepAlive;
    private volatile boolean draining;
    private volatile boolean drained;

    /**
     * @param ledger      null: every delivery is worked (no claims, no stored answers)
     * @param globalSlots null: no cap across instances
     */
    public TaskWorker(WorkerSettings settings, TaskSource source, TaskWork work, SfnClient sfn, TaskAnswers answers,
                      TaskLedger ledger, TaskSlots globalSlots, TaskEvents events) {
        this.settings = settings;
        this.source = source;
        this.events = events;
        this.sfn = sfn;
        this.ledger = ledger;
        this.permits = new TaskPermits(settings.limit());
        this.room = new WaitingRoom(settings.concurrency());
        this.claims = new TaskClaims(ledger, answers);
        this.settlement = new Settlement(settings, source, ledger, answers, events, work, Clock.systemUTC());
        this.run = new TaskRun(settings, source, work, answers, claims, room, settlement, events);
        this.globalSlots = globalSlots == null ? null : new GlobalSlots(globalSlots, settings.routeId());
        this.drain = new WorkerDrain(settings, source, () -> List.copyOf(live), permits, settlement);
    }

    /** Starts receiving: one receive loop for a queue (a receive brings up to 10), one per permit for an activity. */
    public void start(WorkerThreads threads) {
        this.threads = threads;
        String name = settings.routeId();
        int receivers = source.maxPerReceive() > 1 ? 1 : settings.limit();
        workerPool = threads.pool(name + " worker", settings.limit());
        keepAlivePool = threads.scheduler(name + " keep-alive", Math.max(2, settings.concurrency()));
        keepAlive = new KeepAliveJobs(keepAlivePool, sfn, source, ledger, settings, Clock.systemUTC(), events);
        if (settings.inFlightLogIntervalSeconds() > 0) {
            keepAlivePool.scheduleWithFixedDelay(new InFlightReport(name, permits), settings.inFlightLogIntervalSeconds(),
                    settings.inFlightLogIntervalSeconds(), TimeUnit.SECONDS);
        }
        deletePool = threads.scheduler(name + " delete", 1);
        source.start(deletePool);
        pollerPool = threads.pool(name + " receive", receivers);
        for (int i = 0; i < receivers; i++) {
            Poller poller = new Poller(name, source, permits, globalSlots, settings.receiveErrorBackoff(), this::accept,
                    receiveFaults);
            pollers.add(poller);
            pollerPool.execute(poller);
        }
        events.workerStarted(permits);
        LOG.info("Worker [{}] on {}: {} at once{}{}", name, source.describe(), settings.concurrency(),
                settings.waitingRoom() == 0 ? "" : ", waiting room " + settings.waitingRoom(),
                globalSlots == null ? "" : ", at most " + globalSlots.capacity() + " across every instance");
    }

    private void accept(Delivery delivery, GlobalSlots.Hold slot) {
        events.taskReceived(delivery.sentTimestampMillis() > 0 ? delivery.sentTimestampMillis() : TaskEvents.UNKNOWN);
        workerPool.execute(() -> handle(delivery, slot));
    }

    private void handle(Delivery delivery, GlobalSlots.Hold slot) {
        ReleaseReason reason = ReleaseReason.COMPLETED;
        LiveTask task = null;
        try {
            TaskEnvelope.Opened opened;
            try {
                opened = source.open(delivery);
            } catch (MalformedEnvelopeException e) {
                source.reject(delivery, e.getMessage());
                return;
            }
            task = new LiveTask(delivery, opened);
            task.holdSlot(slot);
            slot = null;
            live.add(task);
            if (draining) {
                drain.saw(task);
                if (source.canHandBack()) {
                    reason = ReleaseReason.NOT_PROCESSED;
                    settlement.handBack(task);
                    return;
                }
            }
            if (settings.keepAlive()) {
                task.keepAliveJobs(keepAlive.start(task));
            }
            reason = run.run(task) ? ReleaseReason.COMPLETED : ReleaseReason.FAILED;
        } catch (RuntimeException e) {
            reason = ReleaseReason.FAILED;
            LOG.warn("Task of {} failed in the worker itself: {}", delivery.describe(), FaultLog.summary(e));
            LOG.debug("Worker failure", e);
        } finally {
            if (task != null) {
                live.remove(task);
                task.releaseSlot();
            } else if (slot != null) {
                slot.release();
            }
            permits.taskFinished(reason);
        }
    }

    /**
     * Drains the worker: see {@link WorkerDrain}. Returns when every task is answered or handed back, at the latest
     * after the drain timeout plus the hand-back calls. Runs once; later calls return at once.
     */
    public synchronized void drain() throws InterruptedException {
        if (drained) {
            return;
        }
        draining = true;
        pollers.forEach(Poller::stopPolling);
        try {
            drain.run(source.canHandBack() ? room.close() : List.of());
            source.flush();
        } finally {
            drained = true;
        }
    }

    /** Stops the threads; call after {@link #drain}. Handed-back work still running is interrupted. */
    public void stop() {
        pollers.forEach(Poller::stopPolling);
        events.workerStopped();
        try {
            source.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ExecutorService pool : new ExecutorService[] {pollerPool, keepAlivePool, workerPool, deletePool}) {
            if (pool != null) {
                threads.shutdown(pool);
            }
        }
        source.close();
    }

    public boolean isDraining() {
        return draining && !drained;
    }

    /** Whether the last receive failed (AWS unreachable, credentials refused), until one works again. */
    public boolean isReceiveFailing() {
        return pollers.stream().anyMatch(Poller::isReceiveFailing);
    }

    /** Whether the task ledger or the store of the cap across instances is unreachable (no task starts then). */
    public boolean isStoreFailing() {
        return claims.isFailing() || globalSlots != null && globalSlots.isFailing();
    }

    public TaskPermits permits() {
        return permits;
    }

    public TaskSource source() {
        return source;
    }

    public long heartbeatsSent() {
        return keepAlive == null ? 0 : keepAlive.heartbeatsSent();
    }
}
