package io.sfntaskbridge.reload;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the route folder and applies edits while the runtime runs: adding, changing or removing a route file takes
 * effect a moment after the last write ({@code quietPeriod}, so an editor's several writes of one save make one
 * reload). Each batch is validated first ({@link RouteReload}); a refused edit leaves the running routes as they
 * were. Unlike Camel's own route reload (meant for development), nothing is removed before the new version has been
 * built, and replaced worker routes drain their tasks.
 */
public class RouteReloader extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(RouteReloader.class);

    private final CamelContext context;
    private final Path folder;
    private final PathMatcher matcher;
    private final Duration quietPeriod;
    private final RouteReload reload;
    private WatchService watcher;
    private ExecutorService thread;

    public RouteReloader(CamelContext context, Path folder, String glob, Duration quietPeriod, long stopTimeoutSeconds,
                         RouteReloads reloads, Function<Throwable, String> describe) {
        this.context = context;
        this.folder = folder;
        this.matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        this.quietPeriod = quietPeriod;
        this.reload = new RouteReload(context, folder, glob, stopTimeoutSeconds, reloads, describe);
    }

    @Override
    protected void doStart() throws IOException {
        watcher = folder.getFileSystem().newWatchService();
        folder.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        thread = context.getExecutorServiceManager().newSingleThreadExecutor(this, "RouteReloader");
        thread.submit(this::watch);
        LOG.info("Watching {} for route edits ({}); each is validated before it replaces running routes", folder,
                matcher);
    }

    @Override
    protected void doStop() throws IOException {
        if (watcher != null) {
            watcher.close();
        }
        if (thread != null) {
            context.getExecutorServiceManager().shutdownNow(thread);
        }
    }

    private void watch() {
        Set<Path> edited = new LinkedHashSet<>();
        try {
            while (isRunAllowed()) {
                WatchKey key = edited.isEmpty() ? watcher.take()
                        : watcher.poll(quietPeriod.toMillis(), TimeUnit.MILLISECONDS);
                if (key == null) {
                    applyQuietly(edited);
                    edited.clear();
                    continue;
                }
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path name && matcher.matches(name)) {
                        edited.add(folder.resolve(name));
                    }
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void applyQuietly(Set<Path> edited) {
        if (!context.getStatus().isStarted()) {
            return;
        }
        try {
            reload.apply(edited);
        } catch (Exception e) {
            LOG.warn("Route reload of {} failed while applying it: {}", edited, e.getMessage());
        }
    }
}
