package io.sfntaskbridge.worker;

import org.apache.camel.builder.RouteBuilder;

/**
 * Java DSL twin of {@code routes/task-worker.camel.yaml}, for users who assemble routes in code: the worker endpoint
 * and the work. It keeps the YAML route's id, so loading both by mistake fails at startup instead of consuming the
 * queue twice.
 */
public class TaskWorkerRouteBuilder extends RouteBuilder {

    @Override
    public void configure() {
        from("sfn-task:queue:{{bridge.worker.queue-name}}")
                .routeId("task-worker")
                .routeConfigurationId(TaskAnswersRouteConfiguration.ID)
                .to("direct:enrich-order");
    }
}
