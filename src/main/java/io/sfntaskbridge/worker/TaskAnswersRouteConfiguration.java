package io.sfntaskbridge.worker;

import io.sfntaskbridge.component.TaskLedgerException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.LogDefinition;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Java DSL twin of {@code routes/error-handling.camel.yaml}: how worker failures become task answers. See that file
 * for the reasoning behind each clause; the first matching clause wins. It also adds the {@code answer-failure} route
 * that both the clauses and the worker's doCatch use.
 */
public class TaskAnswersRouteConfiguration extends RouteConfigurationBuilder {

    public static final String ID = "task-answers";
    public static final String ANSWER_FAILURE = "direct:answer-failure";

    @Override
    public void configure() {
        from(ANSWER_FAILURE).routeId("answer-failure")
                .log(LoggingLevel.WARN, "Task failed (SQS message ${header.CamelAwsSqsMessageId}): "
                                        + "${exception.class.simpleName}: ${exception.message}")
                .to("sfn-task:failure")
                .addOutput(outcomeLog());
    }

    /** The one line per task, at {@code bridge.worker.task-log-level} (the Java DSL's log() takes no placeholder). */
    static LogDefinition outcomeLog() {
        LogDefinition log = new LogDefinition("Task outcome: ${header.CamelSfnTaskOutcome} (SQS message "
                                              + "${header.CamelAwsSqsMessageId})");
        log.setLoggingLevel("{{bridge.worker.task-log-level}}");
        return log;
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(MalformedEnvelopeException.class).handled(true)
                    .bean("taskMessages")
                .end()
                .onException(SdkException.class, TaskLedgerException.class).handled(true)
                    .log(LoggingLevel.DEBUG, "Task of SQS message ${header.CamelAwsSqsMessageId} not answered "
                                             + "(${exception.class.simpleName}); handed back")
                .end()
                .onException(Exception.class).handled(true)
                    .to(ANSWER_FAILURE)
                .end();
    }
}
