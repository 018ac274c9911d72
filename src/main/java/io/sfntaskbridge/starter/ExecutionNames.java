package io.sfntaskbridge.starter;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names executions so that an operator can tell from the Step Functions console where one came from:
 * {@code <source>-<UTC time>-<6 hex digits>}, e.g. {@code orders-2026-11-25-120304-7f3a9c} for
 * {@code inbox/orders.json}, or {@code http-...} for a POST.
 * <p>
 * Step Functions rejects names outside {@code [A-Za-z0-9_-]} (for CloudWatch logging) and longer than 80
 * characters, and refuses a name already used by the same state machine within 90 days. So the source is sanitized
 * and shortened, the time is added, and the hex suffix is a counter that starts at a random value: unique within
 * this process for 16 million names per second, and unlikely to meet another instance's counter in the same second.
 * <p>
 * Bound as {@code executionNames} by {@code routes/start-execution.camel.yaml}; one instance per process keeps the
 * counter meaningful.
 */
public class ExecutionNames {

    /** Step Functions' limit on execution names. */
    public static final int MAX_LENGTH = 80;
    /** Header the starter routes set to say where an execution's input came from. */
    public static final String SOURCE_HEADER = "executionSource";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss").withZone(ZoneOffset.UTC);
    private static final String FALLBACK_SOURCE = "execution";

    private final Clock clock;
    private final AtomicInteger counter;

    public ExecutionNames() {
        this(Clock.systemUTC(), new SecureRandom().nextInt());
    }

    ExecutionNames(Clock clock, int counterStart) {
        this.clock = clock;
        this.counter = new AtomicInteger(counterStart);
    }

    /** @param source where the input came from, e.g. a file name without extension; may be null or anything */
    public String forSource(String source) {
        String suffix = "-" + TIME.format(clock.instant()) + "-"
                        + String.format("%06x", counter.getAndIncrement() & 0xFFFFFF);
        return shorten(sanitize(source), MAX_LENGTH - suffix.length()) + suffix;
    }

    private static String sanitize(String source) {
        String sanitized = source == null ? "" : source.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
        return sanitized.isEmpty() ? FALLBACK_SOURCE : sanitized;
    }

    private static String shorten(String text, int maxLength) {
        return text.length() <= maxLength ? text : text.substring(0, maxLength).replaceAll("-+$", "");
    }
}
