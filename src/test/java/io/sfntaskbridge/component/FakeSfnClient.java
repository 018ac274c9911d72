package io.sfntaskbridge.component;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskRequest;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.ListActivitiesRequest;
import software.amazon.awssdk.services.sfn.model.ListActivitiesResponse;
import software.amazon.awssdk.services.sfn.model.SendTaskFailureRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskFailureResponse;
import software.amazon.awssdk.services.sfn.model.SendTaskHeartbeatRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskHeartbeatResponse;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessResponse;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Records the task-token calls it receives; can be told to reject the next call the way Step Functions does; hands
 * out the activity tasks given to {@link #addActivityTask} to GetActivityTask (which waits up to 100 ms for one).
 */
final class FakeSfnClient implements SfnClient {

    final List<SendTaskSuccessRequest> successes = new CopyOnWriteArrayList<>();
    final List<SendTaskFailureRequest> failures = new CopyOnWriteArrayList<>();
    final List<SendTaskHeartbeatRequest> heartbeats = new CopyOnWriteArrayList<>();
    private final AtomicReference<RuntimeException> nextRejection = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicInteger rejectionsLeft = new java.util.concurrent.atomic.AtomicInteger();
    private final AtomicReference<RuntimeException> repeatedRejection = new AtomicReference<>();
    private volatile boolean closed;
    private final BlockingQueue<GetActivityTaskResponse> activityTasks = new LinkedBlockingQueue<>();

    /** An activity task for the next GetActivityTask. */
    void addActivityTask(String token, String input) {
        activityTasks.add(GetActivityTaskResponse.builder().taskToken(token).input(input).build());
    }

    @Override
    public GetActivityTaskResponse getActivityTask(GetActivityTaskRequest request) {
        try {
            GetActivityTaskResponse task = activityTasks.poll(100, TimeUnit.MILLISECONDS);
            return task != null ? task : GetActivityTaskResponse.builder().build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return GetActivityTaskResponse.builder().build();
        }
    }

    void rejectNextCallAsTaskTimedOut() {
        nextRejection.set(TaskTimedOutException.builder().message("Task Timed Out")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("TaskTimedOut").build()).build());
    }

    void rejectNextCallAsInvalidToken() {
        nextRejection.set(InvalidTokenException.builder().message("Invalid Token")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidToken").build()).build());
    }

    void rejectNextCall(RuntimeException rejection) {
        nextRejection.set(rejection);
    }

    /** The next {@code count} calls fail with {@code rejection}, then calls work again. */
    void rejectNextCalls(int count, RuntimeException rejection) {
        rejectionsLeft.set(count);
        repeatedRejection.set(rejection);
    }

    boolean isClosed() {
        return closed;
    }

    int callCount() {
        return successes.size() + failures.size() + heartbeats.size();
    }

    @Override
    public SendTaskSuccessResponse sendTaskSuccess(SendTaskSuccessRequest request) {
        throwRejectionIfAny();
        successes.add(request);
        return SendTaskSuccessResponse.builder().build();
    }

    @Override
    public SendTaskFailureResponse sendTaskFailure(SendTaskFailureRequest request) {
        throwRejectionIfAny();
        failures.add(request);
        return SendTaskFailureResponse.builder().build();
    }

    @Override
    public SendTaskHeartbeatResponse sendTaskHeartbeat(SendTaskHeartbeatRequest request) {
        throwRejectionIfAny();
        heartbeats.add(request);
        return SendTaskHeartbeatResponse.builder().build();
    }

    private void throwRejectionIfAny() {
        if (rejectionsLeft.getAndDecrement() > 0) {
            throw repeatedRejection.get();
        }
        RuntimeException rejection = nextRejection.getAndSet(null);
        if (rejection != null) {
            throw rejection;
        }
    }

    @Override
    public ListActivitiesResponse listActivities(ListActivitiesRequest request) {
        throwRejectionIfAny();
        return ListActivitiesResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        closed = true;
    }
}
