package io.sfntaskbridge.worker;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

import io.sfntaskbridge.component.FaultLog;
import io.sfntaskbridge.component.TaskEvents;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Handler;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the worker to at most {@link TaskPermits#limit()} tasks in flight, whatever the route does after it.
 * {@code concurrentConsumers} alone does not: the aws2-sqs consumer thread polls again as soon as the route goes
 * asynchronous (a parallel splitter, an async delay), and a poll of {@code maxMessagesPerPoll} messages holds them all.
 * <p>
 * Two hooks, both needed: the consumer's {@code pollStrategy=#concurrencyGate}, and {@link #admit} as the route's
 * first step.
 * <ol>
 * <li>{@link #begin}: before each receive, reserve as many permits as the receive may return, or skip this poll.
 * The aws2-sqs consumer of Camel 4.17 fixes the receive size when it starts ({@code Sqs2Consumer.PollingTask} copies
 * {@code maxMessagesPerPoll}), so the gate cannot shrink a receive to the permits at hand; it waits for all of them.
 * Hence {@code maxMessagesPerPoll} must not exceed the limit.</li>
 * <li>{@link #admit}: each received message takes one reserved permit and gives it back when its exchange completes.
 * The first message of a batch also returns the permits of messages the receive did not bring. The consumer runs
 * {@code begin}, the receive, the first route step of every message of the batch and {@code commit} on its own
 * thread, which is what lets a thread-local tie them together.</li>
 * <li>{@link #commit} / {@link #rollback}: the permits no task took go back.</li>
 * </ol>
 */
public class ConcurrencyGate implements PollingConsumerPollStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(ConcurrencyGate.class);
    /**
     * How long one poll waits for permits before giving up its turn; short, so that stopping the route is not held
     * up, and long enough that a busy worker does not fall back to the scheduler's delay between tries.
     */
    static final Duration PERMIT_WAIT = Duration.ofMillis(500);
    private static final String RECEIVE = "SQS ReceiveMessage";

    private final TaskPermits permits;
    private final ThreadLocal<PollReservation> currentPoll = new ThreadLocal<>();
    // Consumers of routes being stopped: they poll no more. Weak, so a removed route's consumer is not kept.
    private final Set<Consumer> closed = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private final FaultLog pollFaults = new FaultLog(LOG);

    private final WaitingRoom waitingRoom;
    private volatile GlobalSlots globalSlots;
    private volatile boolean globalSlotsLookedUp;
    /** Exchange property set on a task that waited for a working slot when the worker drained: it never started. */
    static final String NOT_STARTED = "SfnTaskBridgeNotStarted";
    // Found in the registry at the first task: the gate is bound before the listener.
    private volatile TaskEvents events;

    /** A gate whose every received task works at once: {@code permits.limit()} tasks in flight. */
    public ConcurrencyGate(TaskPermits permits) {
        this(permits, 0);
    }

    /**
     * A gate with a waiting room: {@code permits.limit()} tasks may be received, of which {@code permits.limit() -
     * waitingRoom} work at once; the others wait in {@link #awaitTurn}, in the order they got there.
     */
    public ConcurrencyGate(TaskPermits permits, int waitingRoom) {
        if (waitingRoom < 0 || waitingRoom >= permits.limit()) {
            throw new IllegalArgumentException("the waiting room must hold 0 to " + (permits.limit() - 1)
                                               + " tasks, was " + waitingRoom);
        }
        this.permits = permits;
        this.waitingRoom = waitingRoom == 0 ? null : new WaitingRoom(permits.limit() - waitingRoom);
    }

    /**
     * The route step right before the work, after the task is kept alive: with a waiting room, the task waits here
     * until one of the working slots is free, first come first served, and holds it until its exchange completes.
     * Without one it returns at once. A task still waiting when the worker drains does not start: its exchange stops
     * here, marked {@link #NOT_STARTED}, and the task goes back to the queue at once.
     */
    public void awaitTurn(Exchange exchange) throws InterruptedException {
        if (waitingRoom != null && !waitingRoom.awaitTurn(exchange)) {
            exchange.setProperty(NOT_STARTED, true);
            exchange.setRouteStop(true);
        }
    }

    /** The waiting room, which a drain closes; null without one. */
    WaitingRoom waitingRoom() {
        return waitingRoom;
    }

    public TaskPermits permits() {
        return permits;
    }

    /** Stops {@code consumer} from receiving: its next polls are skipped. Used when its route is stopping. */
    public void close(Consumer consumer) {
        closed.add(consumer);
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        if (closed.contains(consumer)) {
            return false;
        }
        int receiveSize = receiveSize(consumer);
        if (receiveSize > permits.limit()) {
            throw new IllegalStateException("maxMessagesPerPoll " + receiveSize + " on " + endpoint
                                            + " exceeds the task limit " + permits.limit()
                                            + "; a receive could bring more tasks than may be in flight");
        }
        try {
            if (!permits.tryReserve(receiveSize, PERMIT_WAIT)) {
                LOG.trace("All {} task permits taken; skipping this poll", permits.limit());
                return false;
            }
            GlobalSlots global = globalSlots(consumer);
            List<String> claims = global == null ? List.of() : global.take(receiveSize);
            if (global != null && claims.isEmpty()) {
                permits.release(receiveSize, ReleaseReason.NOT_RECEIVED);
                return false;
            }
            currentPoll.set(new PollReservation(permits, receiveSize, global, claims));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The worker route's first step: the message becomes a task holding a permit until its exchange completes. */
    @Handler
    public void admit(Exchange exchange) {
        PollReservation poll = currentPoll.get();
        if (poll == null) {
            throw new IllegalStateException("concurrencyGate must be the first step of a route whose aws2-sqs consumer"
                                            + " has pollStrategy=#concurrencyGate");
        }
        Integer batchSize = exchange.getProperty(ExchangePropertyKey.BATCH_SIZE, Integer.class);
        if (batchSize != null) {
            poll.trimTo(batchSize);
        }
        GlobalSlots.hold(exchange, poll.admit());
        // Recorded here, when messages arrived: commit comes only after this thread also ran the tasks.
        pollFaults.succeeded(RECEIVE);
        events(exchange).taskReceived(exchange.getMessage().getHeader(KeepAliveJobs.SENT_TIMESTAMP,
                TaskEvents.UNKNOWN, Long.class));
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onComplete(Exchange done) {
                permits.taskFinished(ReleaseReason.COMPLETED);
                GlobalSlots.release(done);
            }

            @Override
            public void onFailure(Exchange failed) {
                permits.taskFinished(ReleaseReason.FAILED);
                GlobalSlots.release(failed);
            }
        });
    }

    // The cap across instances, when the ledger configuration bound one; looked up once, by the first poll (several
    // polling threads start at once: one lookup, so one GlobalSlots and one log of its failures).
    private GlobalSlots globalSlots(Consumer consumer) {
        if (!globalSlotsLookedUp) {
            synchronized (this) {
                if (!globalSlotsLookedUp) {
                    globalSlots = GlobalSlots.find(consumer.getEndpoint().getCamelContext());
                    globalSlotsLookedUp = true;
                }
            }
        }
        return globalSlots;
    }

    /** Whether the store of the cap across instances is unreachable (no task can start then). */
    public boolean isGlobalCapFailing() {
        return globalSlots != null && globalSlots.isFailing();
    }

    private TaskEvents events(Exchange exchange) {
        TaskEvents found = events;
        if (found == null) {
            found = TaskEvents.lookup(exchange.getContext());
            events = found;
        }
        return found;
    }

    /** Whether the last receive failed (AWS unreachable, credentials refused), until one works again. */
    public boolean isReceiveFailing() {
        return pollFaults.isFailing(RECEIVE);
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        PollReservation poll = currentPoll.get();
        currentPoll.remove();
        if (poll != null) {
            poll.finish(polledMessages);
        }
        if (polledMessages == 0) {
            pollFaults.succeeded(RECEIVE);
        }
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        PollReservation poll = currentPoll.get();
        currentPoll.remove();
        if (poll != null) {
            poll.abandon();
        }
        pollFaults.failed(RECEIVE, cause);
        // No immediate retry: the consumer backs off (backoffErrorThreshold, backoffMultiplier) and polls again.
        return false;
    }

    private static int receiveSize(Consumer consumer) {
        return consumer instanceof ScheduledBatchPollingConsumer batch ? Math.max(1, batch.getMaxMessagesPerPoll()) : 1;
    }

    @Override
    public String toString() {
        return "ConcurrencyGate[" + permits.summary() + "]";
    }
}
