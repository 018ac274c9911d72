package io.sfntaskbridge.reload;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

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

    // Any change in the folder triggers a rescan that compares contents: an editor writes the route file itself, but
    // a Kubernetes ConfigMap update swaps a hidden ..data link and the route files' own names never change.
    private void watch() {
        Map<Path, String> known = snapshot();
        boolean pending = false;
        try {
            while (isRunAllowed()) {
                WatchKey key = pending ? watcher.poll(quietPeriod.toMillis(), TimeUnit.MILLISECONDS) : watcher.take();
                if (key == null) {
                    Map<Path, String> now = snapshot();
                    Set<Path> edited = changed(known, now);
                    if (!edited.isEmpty() && applyQuietly(edited)) {
                        known = now;
                    }
                    pending = false;
                    continue;
                }
                key.pollEvents();
                key.reset();
                pending = true;
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Content hash of every route file in the folder (following links). */
    private Map<Path, String> snapshot() {
        Map<Path, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(file -> matcher.matches(file.getFileName()) && Files.isRegularFile(file)).forEach(file -> {
                try {
                    hashes.put(file, Arrays.toString(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
                } catch (IOException | java.security.NoSuchAlgorithmException e) {
                    hashes.put(file, "unreadable");
                }
            });
        } catch (IOException e) {
            LOG.debug("Cannot list {}: {}", folder, e.getMessage());
        }
        return hashes;
    }

    private static Set<Path> changed(Map<Path, String> before, Map<Path, String> after) {
        Set<Path> edited = new LinkedHashSet<>();
        after.forEach((file, hash) -> {
            if (!hash.equals(before.get(file))) {
                edited.add(file);
            }
        });
        before.keySet().stream().filter(file -> !after.containsKey(file)).forEach(edited::add);
        return edited;
    }

    /** @return whether the edits were dealt with (applied or refused), so they are not looked at again */
    private boolean applyQuietly(Set<Path> edited) {
        if (!context.getStatus().isStarted()) {
            return false;
        }
        try {
            reload.apply(edited);
        } catch (Exception e) {
            LOG.warn("Route reload of {} failed while applying it: {}", edited, e.getMessage());
        }
        return true;
    }
}
