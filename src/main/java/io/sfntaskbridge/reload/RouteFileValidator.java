package io.sfntaskbridge.reload;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.StartupSummaryLevel;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.BeanRepository;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.PropertiesSource;
import org.apache.camel.spi.Registry;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.DefaultRegistry;
import org.apache.camel.support.PluginHelper;

/**
 * Builds a set of route files in a scratch CamelContext that shares the running context's registry and properties, but
 * starts nothing: a file that is not YAML, an unknown endpoint scheme, a missing bean or an unresolvable placeholder
 * fails here, before any running route is touched.
 */
final class RouteFileValidator {

    private final CamelContext running;

    RouteFileValidator(CamelContext running) {
        this.running = running;
    }

    /**
     * Loads and builds {@code routeFiles} (the whole set the runtime would run: edited and unchanged files together,
     * so cross-file references such as route configurations resolve).
     *
     * @throws Exception what Camel said about the first problem
     */
    void validate(Collection<Resource> routeFiles) throws Exception {
        DefaultCamelContext scratch = new DefaultCamelContext(false);
        // Looks the running context's beans up, but is not that registry: stopping the scratch context must not
        // close the runtime's clients and pools.
        scratch.getCamelContextExtension().setRegistry(new DefaultRegistry(new RunningBeans(running.getRegistry())));
        scratch.setAutoStartup(false);
        scratch.setStartupSummaryLevel(StartupSummaryLevel.Off);
        scratch.getCamelContextExtension().setName("route-edit-check");
        scratch.setSourceLocationEnabled(true);
        copyProperties(running.getPropertiesComponent(), scratch.getPropertiesComponent());
        try {
            scratch.build();
            PluginHelper.getRoutesLoader(scratch).loadRoutes(routeFiles);
            // Creating the routes resolves endpoints, beans and placeholders; with autoStartup off nothing consumes.
            scratch.start();
        } catch (Exception e) {
            throw new RefusedEdit(locate(e, scratch).orElse(null), e);
        } finally {
            scratch.stop();
        }
    }

    /** Read-only view of the running context's beans; nothing here closes or destroys them. */
    private record RunningBeans(Registry registry) implements BeanRepository {

        @Override
        public Object lookupByName(String name) {
            return registry.lookupByName(name);
        }

        @Override
        public <T> T lookupByNameAndType(String name, Class<T> type) {
            return registry.lookupByNameAndType(name, type);
        }

        @Override
        public <T> Map<String, T> findByTypeWithName(Class<T> type) {
            return registry.findByTypeWithName(type);
        }

        @Override
        public <T> Set<T> findByType(Class<T> type) {
            return registry.findByType(type);
        }
    }

    /** A route edit that does not build; {@code location} is its route's file and line when Camel names the route. */
    static final class RefusedEdit extends Exception {

        final String location;

        RefusedEdit(String location, Exception cause) {
            super(cause.getMessage(), cause);
            this.location = location;
        }
    }

    /** The route file and line of the route a build failure is about, when Camel names the route. */
    private static Optional<String> locate(Exception failure, CamelContext scratchOrRunning) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof FailedToCreateRouteException created && created.getRouteId() != null
                && scratchOrRunning instanceof ModelCamelContext model) {
                RouteDefinition route = model.getRouteDefinition(created.getRouteId());
                if (route != null && route.getResource() != null) {
                    return Optional.of(route.getResource().getLocation() + ", line " + route.getLineNumber());
                }
            }
        }
        return Optional.empty();
    }

    // Every key resolves exactly as in the running context: its files, environment overrides and computed keys.
    private static void copyProperties(PropertiesComponent from, PropertiesComponent to) {
        to.addPropertiesSource(new PropertiesSource() {
            @Override
            public String getName() {
                return "running-context";
            }

            @Override
            public String getProperty(String name) {
                return from.resolveProperty(name).orElse(null);
            }
        });
    }
}
