package io.sfntaskbridge.aws;

import java.util.ArrayList;
import java.util.List;

import io.sfntaskbridge.task.TaskEvents;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import static org.assertj.core.api.Assertions.assertThat;

/** The rate limiter reports each wait, by bucket, so the metrics can show time lost to the client-side limit. */
class SfnRateLimiterEventsTest {

    @Test
    void waitsAreReportedPerBucket() {
        List<String> waits = new ArrayList<>();
        SfnRateLimiter limiter = new SfnRateLimiter(SfnRateLimiter.Limit.of("send-task", 20, 1),
                SfnRateLimiter.Limit.of("start-execution", 20, 1));
        limiter.reportTo(new TaskEvents() {
            @Override
            public void rateLimitWaited(String limit, long waitNanos) {
                waits.add(limit + (waitNanos > 0 ? " waited" : " free"));
            }
        });

        for (String operation : new String[] {"SendTaskSuccess", "SendTaskHeartbeat", "StartExecution", "ListQueues"}) {
            ExecutionAttributes attributes = new ExecutionAttributes();
            attributes.putAttribute(SdkExecutionAttribute.OPERATION_NAME, operation);
            limiter.beforeTransmission(null, attributes);
        }

        assertThat(waits).containsExactly("send-task free", "send-task waited", "start-execution free");
    }
}
