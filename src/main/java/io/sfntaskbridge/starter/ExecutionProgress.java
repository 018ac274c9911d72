package io.sfntaskbridge.starter;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Handler;
import org.apache.camel.Header;
import org.apache.camel.support.CamelContextHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.MapRunItemCounts;
import software.amazon.awssdk.services.sfn.model.MapRunListItem;

/**
 * Logs how an execution this runtime started is doing, until it ends, and then its output: the person who dropped a
 * file into the inbox sees the result without opening the AWS console. Distributed Map progress (items done of
 * total) is included where the endpoint reports map runs.
 * <p>
 * Options (set from {@code bridge.executions.*} in {@code start-execution.camel.yaml}): {@code enabled},
 * {@code intervalSeconds}, {@code maxOutputChars} (longer outputs are cut in the log only).
 */
public class ExecutionProgress implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionProgress.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private CamelContext camelContext;
    private volatile ScheduledExecutorService scheduler;
    private boolean enabled = true;
    private int intervalSeconds = 2;
    private int maxOutputChars = 4000;

    @Handler
    public void follow(@Header("CamelAwsStepFunctionsExecutionArn") String executionArn) {
        if (!enabled || executionArn == null) {
            return;
        }
        SfnClient sfn = CamelContextHelper.findSingleByType(camelContext, SfnClient.class);
        Instant started = Instant.now();
        AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
        self.set(scheduler().scheduleWithFixedDelay(() -> {
            try {
                if (report(sfn, executionArn, Duration.between(started, Instant.now()))) {
                    self.get().cancel(false);
                }
            } catch (ExecutionDoesNotExistException e) {
                LOG.warn("Execution {} no longer exists; no more progress reports", executionArn);
                self.get().cancel(false);
            } catch (RuntimeException e) {
                // A scheduled job that throws is never run again; keep following through passing errors.
                LOG.warn("Cannot read the state of {}: {}", executionArn, e.getMessage());
            }
        }, intervalSeconds, intervalSeconds, TimeUnit.SECONDS));
    }

    /** @return true once the execution has ended */
    private boolean report(SfnClient sfn, String executionArn, Duration elapsed) {
        DescribeExecutionResponse execution = sfn.describeExecution(request -> request.executionArn(executionArn));
        if (execution.status() == ExecutionStatus.RUNNING) {
            LOG.info("Execution {}: RUNNING for {}s{}", execution.name(), elapsed.toSeconds(), mapProgress(sfn, executionArn));
            return false;
        }
        if (execution.status() == ExecutionStatus.SUCCEEDED) {
            LOG.info("Execution {}: SUCCEEDED after {}s. Output:\n{}", execution.name(), elapsed.toSeconds(),
                    abbreviate(execution.output()));
        } else {
            LOG.warn("Execution {}: {} after {}s: {} {}", execution.name(), execution.status(), elapsed.toSeconds(),
                    execution.error(), execution.cause());
        }
        return true;
    }

    private String mapProgress(SfnClient sfn, String executionArn) {
        try {
            for (MapRunListItem mapRun : sfn.listMapRuns(request -> request.executionArn(executionArn)).mapRuns()) {
                MapRunItemCounts items = sfn.describeMapRun(request -> request.mapRunArn(mapRun.mapRunArn())).itemCounts();
                return ", map items done %d of %d (%d succeeded, %d failed)".formatted(
                        items.succeeded() + items.failed() + items.timedOut() + items.aborted(), items.total(),
                        items.succeeded(), items.failed() + items.timedOut() + items.aborted());
            }
        } catch (SdkException e) {
            LOG.debug("No map run progress for {}: {}", executionArn, e.getMessage());
        }
        return "";
    }

    private String abbreviate(String output) {
        String readable = pretty(output);
        if (readable.length() <= maxOutputChars) {
            return readable;
        }
        return readable.substring(0, maxOutputChars) + "… (" + readable.length() + " chars in all)";
    }

    private static String pretty(String json) {
        if (json == null) {
            return "";
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    private ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            synchronized (this) {
                if (scheduler == null) {
                    // Owned by Camel's executor manager, so it stops with the context.
                    scheduler = camelContext.getExecutorServiceManager()
                            .newSingleThreadScheduledExecutor(this, "ExecutionProgress");
                }
            }
        }
        return scheduler;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public void setIntervalSeconds(int intervalSeconds) {
        if (intervalSeconds < 1) {
            throw new IllegalArgumentException("bridge.executions.progress-interval-seconds must be at least 1, not "
                                               + intervalSeconds);
        }
        this.intervalSeconds = intervalSeconds;
    }

    public void setMaxOutputChars(int maxOutputChars) {
        this.maxOutputChars = maxOutputChars;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
