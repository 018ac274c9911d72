package io.sfntaskbridge.worker;

import java.util.concurrent.Semaphore;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The working slots behind a waiting room ({@code bridge.worker.waiting-room}): tasks received beyond them wait,
 * kept alive, first come first served, and each holds a slot until its exchange completes.
 */
final class WaitingRoom {

    private final Semaphore workSlots;

    WaitingRoom(int workSlots) {
        this.workSlots = new Semaphore(workSlots, true);
    }

    void awaitTurn(Exchange exchange) throws InterruptedException {
        workSlots.acquire();
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                workSlots.release();
            }
        });
    }
}
