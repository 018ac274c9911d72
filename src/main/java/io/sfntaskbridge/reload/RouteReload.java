package io.sfntaskbridge.reload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one batch of edits to the route folder: validates the whole folder as it now is, and only then replaces the
 * routes of the edited files. A route being replaced is stopped through the context's shutdown strategy, so a worker
 * route drains its tasks before the new definition polls, and other routes finish their exchanges on the old one
 * (direct: callers wait meanwhile). One INFO line per applied reload, one WARN line per refused one.
 */
final class RouteReload {

    private static final Logger LOG = LoggerFactory.getLogger(RouteReload.class);

    private final CamelContext context;
    private final Path folder;
    private final String glob;
    private final long stopTimeoutSeconds;
    private final RouteReloads reloads;
    private final Function<Throwable, String> describe;

    RouteReload(CamelContext context, Path folder, String glob, long stopTimeoutSeconds, RouteReloads reloads,
                Function<Throwable, String> describe) {
        this.context = context;
        this.folder = folder;
        this.glob = glob;
        this.stopTimeoutSeconds = stopTimeoutSeconds;
        this.reloads = reloads;
        this.describe = describe;
    }

    void apply(Set<Path> edits) throws Exception {
        long started = System.nanoTime();
        Set<Path> edited = withRoutesUsingEditedConfigurations(edits);
        List<String> names = edited.stream().map(this::location).sorted().toList();
        try {
            new RouteFileValidator(context).validate(currentFiles());
        } catch (RouteFileValidator.RefusedEdit refused) {
            String reason = (refused.location == null ? "" : refused.location + ": ") + describe.apply(refused.getCause());
            reloads.refused(names, reason);
            listeners().forEach(listener -> listener.reloadRefused(names));
            LOG.warn("Route edit refused, the running routes stay as they were: {}", reason);
            return;
        }
        Set<String> before = routeIds();
        List<String> replaced = new ArrayList<>();
        for (Route route : List.copyOf(context.getRoutes())) {
            if (route.getSourceResource() != null && names.contains(route.getSourceResource().getLocation())) {
                context.getRouteController().stopRoute(route.getRouteId(), stopTimeoutSeconds, TimeUnit.SECONDS);
                context.removeRoute(route.getRouteId());
                replaced.add(route.getRouteId());
            }
        }
        List<Resource> present = edited.stream().filter(Files::exists)
                .map(file -> ResourceHelper.resolveResource(context, location(file))).toList();
        PluginHelper.getRoutesLoader(context).updateRoutes(present);
        Set<String> after = routeIds();
        String summary = summary(names, before, after, replaced, (System.nanoTime() - started) / 1_000_000);
        reloads.applied(names, summary);
        listeners().forEach(listener -> listener.reloadApplied(names));
        LOG.info("Routes reloaded: {}", summary);
    }

    /**
     * A route keeps the route configuration (error handlers) it was built with; when an edited file holds route
     * configurations, the files of routes that use one are reloaded too, so they pick up the new version.
     */
    private Set<Path> withRoutesUsingEditedConfigurations(Set<Path> edits) throws java.io.IOException {
        boolean configurationsEdited = false;
        for (Path file : edits) {
            configurationsEdited |= Files.exists(file) && Files.readString(file).contains("routeConfiguration:");
        }
        if (!configurationsEdited) {
            return edits;
        }
        Set<Path> all = new java.util.LinkedHashSet<>(edits);
        for (Route route : context.getRoutes()) {
            String source = route.getSourceResource() == null ? null : route.getSourceResource().getLocation();
            if (route.getConfigurationId() != null && source != null && source.startsWith("file:")) {
                Path file = Path.of(source.substring("file:".length()));
                if (Files.exists(file)) {
                    all.add(file);
                }
            }
        }
        return all;
    }

    private static String summary(List<String> files, Set<String> before, Set<String> after, List<String> replaced,
                                  long millis) {
        Set<String> added = new TreeSet<>(after);
        added.removeAll(before);
        Set<String> removed = new TreeSet<>(before);
        removed.removeAll(after);
        Set<String> changed = new TreeSet<>(replaced);
        changed.retainAll(after);
        return files + ": added " + added + ", changed " + changed + ", removed " + removed + " in " + millis + " ms";
    }

    private Set<ReloadListener> listeners() {
        return context.getRegistry().findByType(ReloadListener.class);
    }

    private Set<String> routeIds() {
        Set<String> ids = new TreeSet<>();
        context.getRoutes().forEach(route -> ids.add(route.getRouteId()));
        return ids;
    }

    private List<Resource> currentFiles() throws Exception {
        var matcher = folder.getFileSystem().getPathMatcher("glob:" + glob);
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> matcher.matches(file.getFileName())).sorted()
                    .map(file -> ResourceHelper.resolveResource(context, location(file))).toList();
        }
    }

    /** {@code file:routes/x.camel.yaml}, as the routes' source locations name their files. */
    String location(Path file) {
        return "file:" + folder.resolve(file.getFileName()).toString();
    }
}
