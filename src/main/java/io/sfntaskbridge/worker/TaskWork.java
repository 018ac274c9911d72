package io.sfntaskbridge.worker;

import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.task.TaskAnswer;

/**
 * The work of a worker: what runs for each claimed task, between the waiting room and the answer. For an
 * {@code sfn-task} endpoint it is the route. It returns when the work is done, however asynchronous the work was, so
 * the task holds its working slot until then.
 */
public interface TaskWork {

    /** Runs the work of {@code task}, on a worker thread, and says what the task is to be answered. */
    Result run(LiveTask task);

    /** Told once per task when its delivery is settled: what became of it, null when it could not be answered. */
    default void settled(LiveTask task, SfnTaskOutcome outcome) {
    }

    /** What the work asks for. */
    sealed interface Result permits Answer, Answered, NotAnswered {
    }

    /**
     * Answer the task with {@code answer}; {@code accepted} is the outcome when Step Functions takes it (SUCCEEDED,
     * FAILED, OUTPUT_TOO_LARGE, INVALID_OUTPUT).
     */
    record Answer(TaskAnswer answer, SfnTaskOutcome accepted) implements Result {
    }

    /** The work answered the task itself (an {@code sfn-task:success} or {@code failure} step), with this outcome. */
    record Answered(SfnTaskOutcome outcome) implements Result {
    }

    /** The work stored an answer it could not send (AWS unreachable): the next delivery sends it. */
    record NotAnswered() implements Result {
    }
}
