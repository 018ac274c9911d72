package io.sfntaskbridge.task;

/**
 * Where caps across instances live: one pool of {@link TaskSlots} per worker that sets {@code globalConcurrency}, in a
 * store every instance on the worker's queue or activity shares (the runtime: the task ledger's PostgreSQL database).
 */
public interface GlobalCaps {

    /**
     * The slots of the pool {@code name} (the worker's queue or activity), fitted to {@code capacity}.
     *
     * @throws IllegalArgumentException when this store cannot be shared by several instances
     * @throws TaskLedgerException      when the store cannot be reached
     */
    TaskSlots slots(String name, int capacity);
}
