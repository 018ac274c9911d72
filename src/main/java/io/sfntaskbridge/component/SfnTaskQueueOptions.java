package io.sfntaskbridge.component;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The options of a queue worker, {@code sfn-task:queue:<name>}, about its queue: how it receives, how long a message
 * stays hidden, the DLQ, the SQS client and the retries of its calls. The runtime's defaults come from the
 * {@code bridge.worker.*} keys, as for {@link SfnTaskWorkerOptions}.
 */
@UriParams
public class SfnTaskQueueOptions extends SfnTaskWorkerOptions {

    @UriParam(label = "consumer,queue", defaultValue = "60")
    private int visibilityTimeout = 60;
    @UriParam(label = "consumer,queue", defaultValue = "10")
    private int maxMessagesPerPoll = 10;
    @UriParam(label = "consumer,queue", defaultValue = "5")
    private int waitTimeSeconds = 5;
    @UriParam(label = "consumer,queue")
    private String dlqName;
    @UriParam(label = "consumer,advanced", defaultValue = "6")
    private int sqsRetryAttempts = 6;
    @UriParam(label = "consumer,advanced")
    @Metadata(autowired = true)
    private SqsClient sqsClient;

    public int getVisibilityTimeout() {
        return visibilityTimeout;
    }

    /** Seconds a received message stays hidden from other receivers; extended every half of it while its task runs. */
    public void setVisibilityTimeout(int visibilityTimeout) {
        this.visibilityTimeout = visibilityTimeout;
    }

    public int getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    /** Messages one receive may bring, 1 to 10; never more than the free places under the cap. */
    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    public int getWaitTimeSeconds() {
        return waitTimeSeconds;
    }

    /** Long-poll wait of a receive, 0 to 20 seconds; a stop waits for the receive under way. */
    public void setWaitTimeSeconds(int waitTimeSeconds) {
        this.waitTimeSeconds = waitTimeSeconds;
    }

    public String getDlqName() {
        return dlqName;
    }

    /** DLQ for messages nobody can answer (no JSON, no usable token) when the queue's redrive policy names none. */
    public void setDlqName(String dlqName) {
        this.dlqName = dlqName;
    }

    public int getSqsRetryAttempts() {
        return sqsRetryAttempts;
    }

    /**
     * Attempts of a delete, visibility change or DLQ move that fails for a reason that may pass (network, 5xx,
     * throttling); waits double from 0.5 s up to 5 s in between.
     */
    public void setSqsRetryAttempts(int sqsRetryAttempts) {
        this.sqsRetryAttempts = sqsRetryAttempts;
    }

    public SqsClient getSqsClient() {
        return sqsClient;
    }

    /** The SQS client of a queue worker; the single SqsClient in the registry when not set. */
    public void setSqsClient(SqsClient sqsClient) {
        this.sqsClient = sqsClient;
    }
}
