package io.sfntaskbridge.reload;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the route reloader did, for health, metrics and the status page: how many reloads were applied and refused,
 * and the last one. A refusal stays visible until a valid edit follows.
 */
public final class RouteReloads {

    /** The last reload: applied, or refused with the file, line and reason. */
    public record Last(Instant at, boolean applied, List<String> files, String summary) {
    }

    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile Last last;

    void applied(List<String> files, String summary) {
        applied.incrementAndGet();
        last = new Last(Instant.now(), true, List.copyOf(files), summary);
    }

    void refused(List<String> files, String reason) {
        refused.incrementAndGet();
        last = new Last(Instant.now(), false, List.copyOf(files), reason);
    }

    public long appliedCount() {
        return applied.get();
    }

    public long refusedCount() {
        return refused.get();
    }

    /** The last reload, or null when no edit was seen since start. */
    public Last last() {
        return last;
    }

    /** Whether the last edit was refused, so the running routes differ from the files on disk. */
    public boolean isRefused() {
        Last current = last;
        return current != null && !current.applied();
    }
}
