package io.sfntaskbridge.component;

import org.apache.camel.spi.Metadata;

/**
 * Headers and exchange properties of the {@code sfn-task} component. All start with {@code Camel} so that Camel's
 * header filters keep them out of outbound HTTP and messaging calls, which keeps task tokens from leaking.
 */
public final class SfnTaskConstants {

    @Metadata(description = "The task token. Set by the workers; read by the producers, which take it from the"
                            + " tokenField of a JSON or Map body when the header is absent.",
              javaType = "String")
    public static final String TASK_TOKEN = "CamelSfnTaskToken";

    @Metadata(label = "consumer", description = "The id of the SQS message that carried the task (queue workers).",
              javaType = "String")
    public static final String MESSAGE_ID = "CamelSfnTaskMessageId";

    @Metadata(label = "consumer", description = "How often SQS has delivered the task's message (1 for an activity"
                                                + " task).",
              javaType = "Integer")
    public static final String RECEIVE_COUNT = "CamelSfnTaskReceiveCount";

    @Metadata(label = "consumer", description = "Epoch milliseconds when the task was sent to the queue (its SQS"
                                                + " SentTimestamp); absent for an activity task.",
              javaType = "Long")
    public static final String SENT_TIMESTAMP = "CamelSfnTaskSentTimestamp";

    @Metadata(label = "consumer", description = "The envelope's heartbeatSeconds hint (the Task state's"
                                                + " HeartbeatSeconds), when it has one.",
              javaType = "Integer")
    public static final String HEARTBEAT_SECONDS = "CamelSfnTaskHeartbeatSeconds";

    @Metadata(label = "producer", description = "For the failure action: the error name to send, overriding the name"
                                                + " mapped from the caught exception.",
              javaType = "String")
    public static final String ERROR = "CamelSfnTaskError";

    @Metadata(label = "producer", description = "For the failure action: the cause to send, overriding the message of"
                                                + " the caught exception.",
              javaType = "String")
    public static final String CAUSE = "CamelSfnTaskCause";

    @Metadata(description = "Set when a task was answered or settled: what became of it (SUCCEEDED, FAILED, ...).",
              javaType = "io.sfntaskbridge.task.SfnTaskOutcome")
    public static final String OUTCOME = "CamelSfnTaskOutcome";

    @Metadata(description = "Exchange property (not a header) set by the workers: the task ledger's claim of this"
                            + " delivery. The success and failure actions store their answer under it before sending.",
              javaType = "io.sfntaskbridge.task.TaskClaim")
    public static final String CLAIM = "CamelSfnTaskClaim";

    @Metadata(description = "Exchange property (not a header) set by the workers: System.nanoTime() at the claim,"
                            + " from which the time spent in the work is measured.",
              javaType = "Long")
    public static final String CLAIMED_AT = "CamelSfnTaskClaimedAt";

    /** Exchange property: a producer stored its answer under the claim (its send may still have failed). */
    static final String ANSWER_STORED = "CamelSfnTaskAnswerStored";

    /** SQS system attribute of a message received by aws2-sqs (a header): epoch millis when SQS accepted it. */
    static final String SQS_SENT_TIMESTAMP = "SentTimestamp";

    private SfnTaskConstants() {
    }
}
