package io.sfntaskbridge.component;

import org.apache.camel.spi.Metadata;

/**
 * Headers read and written by the {@code sfn-task} component. All start with {@code Camel} so that Camel's header
 * filters keep them out of outbound HTTP and messaging calls, which keeps task tokens from leaking.
 */
public final class SfnTaskConstants {

    @Metadata(description = "The task token to answer. When absent, the token is read from the tokenField of a JSON or"
                            + " Map body.",
              javaType = "String")
    public static final String TASK_TOKEN = "CamelSfnTaskToken";

    @Metadata(description = "For the failure action: the error name to send, overriding the name"
                            + " mapped from the caught exception.",
              javaType = "String")
    public static final String ERROR = "CamelSfnTaskError";

    @Metadata(description = "For the failure action: the cause to send, overriding the message of"
                            + " the caught exception.",
              javaType = "String")
    public static final String CAUSE = "CamelSfnTaskCause";

    @Metadata(description = "Set after the call: what the producer did with the exchange.",
              javaType = "io.sfntaskbridge.component.SfnTaskOutcome")
    public static final String OUTCOME = "CamelSfnTaskOutcome";

    @Metadata(description = "Exchange property (not a header) set by the claim action: the ledger's decision for this"
                            + " delivery. The success and failure actions store their answer under it before sending.",
              javaType = "io.sfntaskbridge.component.TaskClaim")
    public static final String CLAIM = "CamelSfnTaskClaim";

    @Metadata(description = "Exchange property (not a header) set by the claim action when this delivery does the work:"
                            + " System.nanoTime() at the claim, from which the time spent in the work is measured.",
              javaType = "Long")
    public static final String CLAIMED_AT = "CamelSfnTaskClaimedAt";

    /** SQS system attribute of a received message (a header with aws2-sqs): epoch millis when SQS accepted it. */
    static final String SQS_SENT_TIMESTAMP = "SentTimestamp";

    private SfnTaskConstants() {
    }
}
