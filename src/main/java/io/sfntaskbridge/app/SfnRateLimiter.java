package io.sfntaskbridge.app;

import java.util.Set;

import io.sfntaskbridge.component.TaskEvents;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Client-side rate limit on the Step Functions calls that AWS throttles hardest: every SendTaskSuccess, SendTaskFailure
 * and SendTaskHeartbeat shares one bucket, StartExecution has its own. As an interceptor of the one {@code SfnClient}
 * it covers every caller (the sfn-task component, heartbeats, aws2-step-functions) without any of them knowing. The
 * token is taken before each transmission, so the SDK's retries of a throttled call are paced too.
 */
public final class SfnRateLimiter implements ExecutionInterceptor {

    static final Set<String> SEND_TASK_OPERATIONS = Set.of("SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat");
    static final String START_EXECUTION = "StartExecution";

    private final TokenBucket sendTask;
    private final TokenBucket startExecution;
    private volatile TaskEvents events = TaskEvents.NONE;

    public SfnRateLimiter(TokenBucket sendTask, TokenBucket startExecution) {
        this.sendTask = sendTask;
        this.startExecution = startExecution;
    }

    /** Where the waits go (the metrics), once the context has its beans. */
    void reportTo(TaskEvents events) {
        this.events = TaskEvents.orNone(events);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        TokenBucket bucket = bucketFor(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        if (bucket == null) {
            return;
        }
        try {
            events.rateLimitWaited(bucket == sendTask ? "send-task" : "start-execution", bucket.acquire());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AbortedException.builder().message("interrupted while waiting for the Step Functions rate limit")
                    .cause(e).build();
        }
    }

    private TokenBucket bucketFor(String operation) {
        if (SEND_TASK_OPERATIONS.contains(operation)) {
            return sendTask;
        }
        return START_EXECUTION.equals(operation) ? startExecution : null;
    }

    @Override
    public String toString() {
        return "SendTask* " + sendTask + ", StartExecution " + startExecution;
    }
}
