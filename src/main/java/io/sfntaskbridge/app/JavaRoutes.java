package io.sfntaskbridge.app;

import java.util.List;

import io.sfntaskbridge.starter.StartExecutionHttpRoute;
import org.apache.camel.RoutesBuilder;

/**
 * The runtime's Java DSL route builders, listed here because an explicit list costs no classpath scan at startup.
 * YAML routes come from {@code camel.main.routes-include-pattern} instead. A new builder joins by adding one entry;
 * a builder whose route depends on configuration says so with a route {@code precondition}, so it is always listed.
 */
final class JavaRoutes {

    private JavaRoutes() {
    }

    static List<RoutesBuilder> all() {
        return List.of(new StartExecutionHttpRoute());
    }
}
