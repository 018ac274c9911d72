package io.sfntaskbridge.worker;

/**
 * A consumer that drains its tasks before it stops (the {@code sfn-task} workers): {@link DrainingShutdownStrategy}
 * drains every one of the routes being stopped, at once, before Camel's own graceful shutdown begins.
 */
public interface Drainable {

    /** Stops receiving and drains; returns when every task is answered or handed back, within the drain timeout. */
    void drain() throws InterruptedException;
}
