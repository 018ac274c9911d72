package io.sfntaskbridge.worker;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * Java DSL twin of {@code routes/error-handling.camel.yaml}: a failure of the work reaches the worker, which answers
 * it with SendTaskFailure and logs one line, so Camel's error handler logs nothing of its own (level OFF). Add clauses here as in
 * the YAML file.
 */
public class TaskAnswersRouteConfiguration extends RouteConfigurationBuilder {

    public static final String ID = "task-answers";

    @Override
    public void configuration() {
        routeConfiguration(ID).errorHandler(defaultErrorHandler().loggingLevel(LoggingLevel.OFF));
    }
}
