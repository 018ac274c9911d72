package io.sfntaskbridge.worker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WaitingRoomTest {

    private final CamelContext context = new DefaultCamelContext();
    private final WaitingRoom room = new WaitingRoom(1);

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void aClosedRoomGivesItsWaitingTasksToTheDrainAndNoneOfThemStarts() throws Exception {
        Exchange working = new DefaultExchange(context);
        assertThat(room.awaitTurn(working)).as("first task gets the slot").isTrue();
        Exchange waiting = new DefaultExchange(context);
        CompletableFuture<Boolean> turn = awaitTurnAsync(waiting);
        Thread.sleep(300);
        assertThat(turn).as("no slot free yet").isNotDone();

        assertThat(room.close()).as("given to the drain").containsExactly(waiting);
        assertThat(turn.get(2, TimeUnit.SECONDS)).as("the waiting task does not start").isFalse();

        // Its slot stays free for the next route's tasks once the working task ends and the room opens again.
        complete(working);
        room.reopen();
        assertThat(room.awaitTurn(new DefaultExchange(context))).isTrue();
    }

    @Test
    void aTaskThatGotItsSlotIsNotGivenToTheDrain() throws Exception {
        Exchange working = new DefaultExchange(context);
        room.awaitTurn(working);
        Exchange next = new DefaultExchange(context);
        CompletableFuture<Boolean> turn = awaitTurnAsync(next);
        complete(working);
        assertThat(turn.get(2, TimeUnit.SECONDS)).as("slot freed: the next task starts").isTrue();

        assertThat(room.close()).as("nothing left waiting").isEmpty();
        Exchange late = new DefaultExchange(context);
        assertThat(room.awaitTurn(late)).as("a task that reaches a closed room does not start").isFalse();
    }

    @Test
    void aTaskReachingAClosedRoomDoesNotStartEvenWithAFreeSlot() throws Exception {
        room.close();
        CompletableFuture<Boolean> turn = awaitTurnAsync(new DefaultExchange(context));
        await().atMost(2, TimeUnit.SECONDS).until(turn::isDone);
        assertThat(turn.get()).isFalse();
    }

    /** What Camel's unit of work does when the exchange ends: its completions run. */
    private static void complete(Exchange exchange) {
        exchange.getExchangeExtension().handoverCompletions().forEach(done -> done.onComplete(exchange));
    }

    private CompletableFuture<Boolean> awaitTurnAsync(Exchange exchange) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return room.awaitTurn(exchange);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
