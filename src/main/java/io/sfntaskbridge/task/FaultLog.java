package io.sfntaskbridge.task;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;

/**
 * Keeps the log readable during an outage: the first failure of a kind (say "SQS receive") logs one WARN line without
 * a stack trace, further failures of that kind are only counted, with one reminder line per {@link #REMINDER} while
 * they go on, and the first success after them logs one INFO line with the count. Stack traces go to DEBUG.
 */
public final class FaultLog {

    static final Duration REMINDER = Duration.ofSeconds(60);
    private static final int MAX_SUMMARY_CHARS = 300;

    private final Logger log;
    private final Clock clock;
    private final Map<String, Episode> failing = new ConcurrentHashMap<>();

    private static final class Episode {
        final long startedMillis;
        long failures;
        long lastReminderMillis;

        Episode(long now) {
            startedMillis = now;
            lastReminderMillis = now;
        }
    }

    public FaultLog(Logger log) {
        this(log, Clock.systemUTC());
    }

    FaultLog(Logger log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** A call of this kind failed. */
    public void failed(String kind, Throwable error) {
        long now = clock.millis();
        boolean[] first = new boolean[1];
        Episode episode = failing.computeIfAbsent(kind, k -> {
            first[0] = true;
            return new Episode(now);
        });
        long failures;
        boolean remind;
        synchronized (episode) {
            failures = ++episode.failures;
            remind = !first[0] && now - episode.lastReminderMillis >= REMINDER.toMillis();
            if (remind) {
                episode.lastReminderMillis = now;
            }
        }
        if (first[0]) {
            log.warn("{} failing: {}; further failures are counted until it works again", kind, summary(error));
        } else if (remind) {
            log.warn("{} still failing after {} failures in {} s: {}", kind, failures,
                    (now - episode.startedMillis) / 1000, summary(error));
        }
        log.debug("{} failed", kind, error);
    }

    /** A call of this kind worked; ends an outage of this kind, if there was one. */
    public void succeeded(String kind) {
        if (failing.isEmpty()) {
            return;
        }
        Episode episode = failing.remove(kind);
        if (episode != null) {
            log.info("{} works again after {} failures in {} s", kind, episode.failures,
                    (clock.millis() - episode.startedMillis) / 1000);
        }
    }

    /** Whether the last call of this kind failed. */
    public boolean isFailing(String kind) {
        return failing.containsKey(kind);
    }

    /** The exception and its root cause in one line, without a stack trace. */
    public static String summary(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = describe(error) + (root != error ? " (cause: " + describe(root) + ")" : "");
        return text.length() > MAX_SUMMARY_CHARS ? text.substring(0, MAX_SUMMARY_CHARS) + "..." : text;
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        String firstLine = message == null ? "" : message.lines().findFirst().orElse("");
        return error.getClass().getSimpleName() + (firstLine.isEmpty() ? "" : ": " + firstLine);
    }
}
