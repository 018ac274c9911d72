package io.sfntaskbridge.app;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenBucketTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final TokenBucket bucket = new TokenBucket(5, 2, now::get);

    @Test
    void theBurstPassesAtOnceThenCallersWaitOneIntervalEach() {
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
        assertThat(bucket.reserve()).as("queued behind the previous one").isEqualTo(TimeUnit.MILLISECONDS.toNanos(400));
    }

    @Test
    void tokensRefillWithTimeButNeverBeyondTheBurst() {
        bucket.reserve();
        bucket.reserve();
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));

        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).isZero();
        assertThat(bucket.reserve()).as("only two saved up").isPositive();
    }

    @Test
    void overTimeTheRateIsTheConfiguredOne() {
        long lastStart = 0;
        for (int call = 0; call < 52; call++) {
            lastStart = bucket.reserve();
        }
        // 2 from the burst, then 50 more at 5/s: the last may start 10 s in.
        assertThat(lastStart).isEqualTo(TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void refusesANonPositiveRateOrBurst() {
        assertThatThrownBy(() -> new TokenBucket(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
