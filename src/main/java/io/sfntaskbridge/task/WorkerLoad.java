package io.sfntaskbridge.task;

/**
 * The figures of one worker's cap, read at any moment (metrics, the status page, the in-flight log): tasks held now
 * against the limit, the highest count since the worker started, and the permits held by receives that are still
 * waiting for messages (not tasks).
 */
public interface WorkerLoad {

    /** Tasks the worker holds now: working, or waiting for a working slot. */
    int tasksInFlight();

    /** The hard cap on {@link #tasksInFlight()}: the worker's concurrency plus its waiting room. */
    int limit();

    /** The highest {@link #tasksInFlight()} since the worker started; never above {@link #limit()}. */
    int maxTasksInFlight();

    /** Permits reserved by receives under way that have not brought their messages yet. */
    int receivesUnderWay();
}
