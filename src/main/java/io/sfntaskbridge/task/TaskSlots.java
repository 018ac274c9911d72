package io.sfntaskbridge.task;

import java.util.List;

/**
 * A concurrency cap shared by every instance on a queue: a fixed number of slots in a shared store, each held under a
 * lease while a task runs. The worker takes slots before it receives, so an instance that finds none does not
 * receive; a slot goes back when its task is answered or handed back, and its lease runs out when its instance dies.
 * <p>
 * Implementations throw {@link TaskLedgerException} when the store cannot be reached; no task may start then.
 */
public interface TaskSlots {

    /** The number of slots across all instances. */
    int capacity();

    /**
     * Takes up to {@code count} free slots.
     *
     * @return a claim per slot taken, maybe fewer than asked, maybe none
     */
    List<String> acquire(int count);

    /** Gives a slot back; a claim that is no longer held (lease ran out, taken by another) is ignored. */
    void release(String claim);
}
