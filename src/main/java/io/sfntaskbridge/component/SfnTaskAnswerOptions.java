package io.sfntaskbridge.component;

import io.sfntaskbridge.payload.PayloadOffload;
import io.sfntaskbridge.task.SfnTaskErrors;
import io.sfntaskbridge.task.TaskEvents;
import io.sfntaskbridge.task.TaskLedger;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The options of every {@code sfn-task} endpoint about answers: the error names, the output limit, the
 * ledger and the retries of answer calls. Worker endpoints also use them for the answers they give themselves.
 */
@UriParams
public class SfnTaskAnswerOptions extends SfnTaskClientOptions {

    /** SendTaskSuccess accepts at most 256 KiB of UTF-8 output. */
    public static final int DEFAULT_MAX_OUTPUT_BYTES = 262144;

    @UriParam(defaultValue = "taskToken")
    private String tokenField = "taskToken";
    @UriParam(defaultValue = "" + DEFAULT_MAX_OUTPUT_BYTES)
    private int maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES;
    @UriParam(label = "failure")
    private String errorMapping;
    @UriParam(label = "failure", defaultValue = SfnTaskErrors.TASK_FAILED)
    private String defaultErrorName = SfnTaskErrors.TASK_FAILED;
    @UriParam(defaultValue = "false")
    private boolean failOnClosedTask;
    @UriParam(label = "advanced")
    @Metadata(autowired = true)
    private TaskLedger ledger;
    @UriParam(label = "advanced")
    @Metadata(autowired = true)
    private TaskEvents events;
    @UriParam(label = "advanced")
    @Metadata(autowired = true)
    private PayloadOffload payloadOffload;
    @UriParam(label = "retry", defaultValue = "6")
    private int retryAttempts = 6;
    @UriParam(label = "retry", defaultValue = "500")
    private long retryInitialDelayMillis = 500;
    @UriParam(label = "retry", defaultValue = "5000")
    private long retryMaxDelayMillis = 5000;

    public String getTokenField() {
        return tokenField;
    }

    /**
     * The field of a JSON object or Map body that holds the task token, read when the CamelSfnTaskToken header is
     * absent.
     */
    public void setTokenField(String tokenField) {
        this.tokenField = tokenField;
    }

    public int getMaxOutputBytes() {
        return maxOutputBytes;
    }

    /**
     * The largest SendTaskSuccess output, in UTF-8 bytes, that is sent. A larger output is never truncated: the task is
     * failed with error Bridge.OutputTooLarge instead. The AWS limit is 262144 bytes (256 KiB).
     */
    public void setMaxOutputBytes(int maxOutputBytes) {
        this.maxOutputBytes = maxOutputBytes;
    }

    public String getErrorMapping() {
        return errorMapping;
    }

    /**
     * Extra exception to error name mappings for the failure action, as
     * fully.qualified.ExceptionClass=Error.Name,other.Class=Other.Name. An exception matches an entry for its own class
     * or a superclass; the thrown exception is tried before its causes. These entries are tried before the built-in
     * ones: java.net.SocketTimeoutException, java.util.concurrent.TimeoutException and
     * org.apache.camel.ExchangeTimedOutException map to Bridge.Timeout;
     * com.fasterxml.jackson.core.JsonProcessingException, org.apache.camel.InvalidPayloadException and
     * java.lang.IllegalArgumentException map to Bridge.InvalidInput. An exception matching nothing gets
     * defaultErrorName. The CamelSfnTaskError header overrides any mapping.
     */
    public void setErrorMapping(String errorMapping) {
        this.errorMapping = errorMapping;
    }

    public String getDefaultErrorName() {
        return defaultErrorName;
    }

    /**
     * The error name the failure action sends when the CamelSfnTaskError header is absent and no errorMapping entry
     * matches the exception, or there is no exception.
     */
    public void setDefaultErrorName(String defaultErrorName) {
        this.defaultErrorName = defaultErrorName;
    }

    public boolean isFailOnClosedTask() {
        return failOnClosedTask;
    }

    /**
     * Whether TaskTimedOutException (the task was already answered or has expired) and InvalidTokenException are
     * thrown. When false they are logged at WARN and counted, the CamelSfnTaskOutcome header is set to TASK_CLOSED or
     * INVALID_TOKEN, and the exchange continues, since retrying cannot help.
     */
    public void setFailOnClosedTask(boolean failOnClosedTask) {
        this.failOnClosedTask = failOnClosedTask;
    }

    public TaskLedger getLedger() {
        return ledger;
    }

    /**
     * The task ledger that makes the work run once per task token: a worker claims each delivery in it before the
     * work, and every answer is stored in it before it is sent and closed after. When a single TaskLedger is in the
     * registry it is used. Without one every delivery is worked, and answers are sent without being stored.
     */
    public void setLedger(TaskLedger ledger) {
        this.ledger = ledger;
    }

    public TaskEvents getEvents() {
        return events;
    }

    /**
     * Told of every claim, answer and heartbeat (for metrics). When a single TaskEvents is in the registry it is used;
     * without one nothing is told.
     */
    public void setEvents(TaskEvents events) {
        this.events = events;
    }

    public PayloadOffload getPayloadOffload() {
        return payloadOffload;
    }

    /**
     * Payloads past Step Functions' limit through S3: an answer over its threshold is stored and answered as a pointer,
     * and a worker's pointer input is read back before the work. When a single PayloadOffload is in the registry it is
     * used; without one answers over maxOutputBytes fail with Bridge.OutputTooLarge and pointers are passed on as
     * they are.
     */
    public void setPayloadOffload(PayloadOffload payloadOffload) {
        this.payloadOffload = payloadOffload;
    }

    public int getRetryAttempts() {
        return retryAttempts;
    }

    /**
     * Attempts of an answer call (the first included) that fails for a reason that may pass: the network, a 5xx or
     * throttling. The waits between them double from retryInitialDelayMillis up to retryMaxDelayMillis; after the
     * last attempt the exchange fails and the message goes back to the queue (the stored answer is sent on its next
     * delivery).
     */
    public void setRetryAttempts(int retryAttempts) {
        this.retryAttempts = retryAttempts;
    }

    public long getRetryInitialDelayMillis() {
        return retryInitialDelayMillis;
    }

    /** The wait before the second attempt of a failed answer call, in milliseconds. */
    public void setRetryInitialDelayMillis(long retryInitialDelayMillis) {
        this.retryInitialDelayMillis = retryInitialDelayMillis;
    }

    public long getRetryMaxDelayMillis() {
        return retryMaxDelayMillis;
    }

    /** The longest wait between two attempts of a failed answer call, in milliseconds. */
    public void setRetryMaxDelayMillis(long retryMaxDelayMillis) {
        this.retryMaxDelayMillis = retryMaxDelayMillis;
    }
}
