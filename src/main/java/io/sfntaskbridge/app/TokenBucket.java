package io.sfntaskbridge.app;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket: up to {@code burst} calls at once, then {@code perSecond} calls a second. A caller that finds the
 * bucket empty books the next free token and waits for it outside the lock, so waiting callers are served in
 * order and the rate holds under any number of threads.
 */
public final class TokenBucket {

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long refilledAt;

    public TokenBucket(double perSecond, int burst) {
        this(perSecond, burst, System::nanoTime);
    }

    TokenBucket(double perSecond, int burst, LongSupplier nanoClock) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs a positive rate and a burst of at least 1, got "
                                               + perSecond + "/s burst " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.refilledAt = nanoClock.getAsLong();
    }

    /**
     * Takes a token, waiting as long as the rate requires.
     *
     * @return how long it waited, in nanoseconds
     */
    public long acquire() throws InterruptedException {
        long waitNanos = reserve();
        if (waitNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
        return waitNanos;
    }

    /** Books a token; returns how long the caller must wait before using it (0: use it now). */
    synchronized long reserve() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - refilledAt) * perSecond / 1e9);
        refilledAt = now;
        tokens -= 1;
        // A negative balance is the queue of callers already waiting; this one waits until it is paid back.
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * 1e9 / perSecond);
    }

    @Override
    public String toString() {
        return perSecond + "/s (burst " + (int) burst + ")";
    }
}
