package io.sfntaskbridge.it;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;

/**
 * The test's own view of the tasks in flight: counts the tasks inside the simulated backend, independently of the
 * worker's gate, and notes when a task left the backend on another thread than it entered on, which proves the route
 * went asynchronous and freed the polling thread meanwhile.
 */
public class BackendObserver {

    private static final String ENTERED_ON = "BackendObserver.enteredOn";

    private final AtomicInteger inBackend = new AtomicInteger();
    private final AtomicInteger maxInBackend = new AtomicInteger();
    private final AtomicLong finished = new AtomicLong();
    private final AtomicLong finishedOnAnotherThread = new AtomicLong();

    public void enter(Exchange exchange) {
        exchange.setProperty(ENTERED_ON, Thread.currentThread().getName());
        maxInBackend.accumulateAndGet(inBackend.incrementAndGet(), Math::max);
    }

    public void leave(Exchange exchange) {
        inBackend.decrementAndGet();
        if (!Thread.currentThread().getName().equals(exchange.getProperty(ENTERED_ON, String.class))) {
            finishedOnAnotherThread.incrementAndGet();
        }
        finished.incrementAndGet();
    }

    public int maxInBackend() {
        return maxInBackend.get();
    }

    public long finished() {
        return finished.get();
    }

    public long finishedOnAnotherThread() {
        return finishedOnAnotherThread.get();
    }
}
