package io.sfntaskbridge.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.sfntaskbridge.task.FaultLog;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class PollerTest {

    private final TaskPermits permits = new TaskPermits(3);
    private final FaultLog faults = new FaultLog(LoggerFactory.getLogger(PollerTest.class));
    private final CountDownLatch receiving = new CountDownLatch(1);
    private final AtomicInteger receives = new AtomicInteger();

    @Test
    void receiveCutShortAfterStopPollingIsNoOutage() throws Exception {
        Poller poller = poller(new FailingSource(true));
        Thread thread = new Thread(poller);
        thread.start();
        assertThat(receiving.await(5, TimeUnit.SECONDS)).isTrue();

        poller.stopPolling();
        thread.interrupt();
        thread.join(5_000);

        assertThat(thread.isAlive()).isFalse();
        assertThat(poller.isReceiveFailing()).as("logged as an outage").isFalse();
        assertThat(permits.released(ReleaseReason.POLL_FAILED)).isZero();
        assertThat(permits.released(ReleaseReason.NOT_RECEIVED)).isEqualTo(3);
        assertThat(permits.permitsHeld()).isZero();
    }

    @Test
    void failedReceiveWhilePollingIsAnOutage() throws Exception {
        Poller poller = poller(new FailingSource(false));
        Thread thread = new Thread(poller);
        thread.start();
        assertThat(receiving.await(5, TimeUnit.SECONDS)).isTrue();
        while (permits.released(ReleaseReason.POLL_FAILED) == 0) {
            Thread.sleep(10);
        }

        assertThat(poller.isReceiveFailing()).isTrue();
        poller.stopPolling();
        thread.interrupt();
        thread.join(5_000);
        assertThat(thread.isAlive()).isFalse();
        assertThat(receives.get()).isPositive();
    }

    private Poller poller(TaskSource source) {
        return new Poller("erp-worker", source, permits, null, Duration.ofMillis(20), (delivery, hold) -> { },
                faults);
    }

    /** Blocks in its receive until interrupted ({@code blocks}), or fails at once, as an AWS call does. */
    private final class FailingSource implements TaskSource {

        private final boolean blocks;

        FailingSource(boolean blocks) {
            this.blocks = blocks;
        }

        @Override
        public List<Delivery> receive(int max) {
            receives.incrementAndGet();
            receiving.countDown();
            if (blocks) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    throw new IllegalStateException("Thread was interrupted", e);
                }
            }
            throw new IllegalStateException("unreachable");
        }

        @Override
        public String describe() {
            return "activity test";
        }

        @Override
        public String receiveCall() {
            return "GetActivityTask";
        }

        @Override
        public int maxPerReceive() {
            return 3;
        }

        @Override
        public TaskEnvelope.Opened open(Delivery delivery) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean canHandBack() {
            return false;
        }

        @Override
        public void settled(Delivery delivery) {
        }

        @Override
        public void handBack(Delivery delivery, int seconds) {
        }

        @Override
        public boolean hasVisibility() {
            return false;
        }

        @Override
        public void extendVisibility(Delivery delivery) {
        }

        @Override
        public void reject(Delivery delivery, String reason) {
        }
    }
}
