package io.sfntaskbridge.worker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WaitingRoomTest {

    private final WaitingRoom room = new WaitingRoom(1);

    private static LiveTask task(String token) {
        return new LiveTask(new Delivery(token, "{}", 0, null), TaskEnvelope.openActivity(token, "{}"));
    }

    @Test
    void aClosedRoomGivesItsWaitingTasksToTheDrainAndNoneOfThemStarts() throws Exception {
        assertThat(room.awaitTurn(task("working"))).as("first task gets the slot").isTrue();
        LiveTask waiting = task("waiting");
        CompletableFuture<Boolean> turn = awaitTurnAsync(waiting);
        Thread.sleep(300);
        assertThat(turn).as("no slot free yet").isNotDone();

        assertThat(room.close()).as("given to the drain").containsExactly(waiting);
        assertThat(turn.get(2, TimeUnit.SECONDS)).as("the waiting task does not start").isFalse();
        room.leave();
        assertThat(room.awaitTurn(task("late"))).as("closed: nothing starts any more, slot or not").isFalse();
    }

    @Test
    void aTaskThatGotItsSlotIsNotGivenToTheDrain() throws Exception {
        room.awaitTurn(task("working"));
        CompletableFuture<Boolean> turn = awaitTurnAsync(task("next"));
        room.leave();
        assertThat(turn.get(2, TimeUnit.SECONDS)).as("slot freed: the next task starts").isTrue();

        assertThat(room.close()).as("nothing left waiting").isEmpty();
    }

    @Test
    void tasksGetTheirSlotsInTheOrderTheyArrived() throws Exception {
        room.awaitTurn(task("working"));
        CompletableFuture<Boolean> first = awaitTurnAsync(task("first"));
        Thread.sleep(200);
        CompletableFuture<Boolean> second = awaitTurnAsync(task("second"));
        Thread.sleep(200);
        room.leave();
        assertThat(first.get(2, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300);
        assertThat(second).as("still waiting: the one slot went to the first arrival").isNotDone();
        room.leave();
        assertThat(second.get(2, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aTaskReachingAClosedRoomDoesNotStartEvenWithAFreeSlot() throws Exception {
        room.close();
        CompletableFuture<Boolean> turn = awaitTurnAsync(task("late"));
        await().atMost(2, TimeUnit.SECONDS).until(turn::isDone);
        assertThat(turn.get()).isFalse();
    }

    private CompletableFuture<Boolean> awaitTurnAsync(LiveTask task) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return room.awaitTurn(task);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
