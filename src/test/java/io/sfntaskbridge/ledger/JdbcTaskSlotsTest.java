package io.sfntaskbridge.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import io.sfntaskbridge.component.TaskLedgerException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cross-instance cap's slots on a real (H2) database: never more held than the capacity, leases expire. */
class JdbcTaskSlotsTest {

    private static final Duration LEASE = Duration.ofSeconds(6);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private HikariDataSource dataSource;
    private JdbcTaskSlots a;
    private JdbcTaskSlots b;

    @BeforeEach
    void createSlots() {
        dataSource = LedgerSettings.pool("jdbc:h2:mem:slots" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "", "", 10);
        a = new JdbcTaskSlots(dataSource, "ledger", "instance-a", 3, LEASE, clock);
        b = new JdbcTaskSlots(dataSource, "ledger", "instance-b", 3, LEASE, clock);
        a.createTableIfAbsent();
        a.fitCapacity();
        b.fitCapacity();
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void instancesShareTheCapacityAndReleasedSlotsComeBack() {
        List<String> first = a.acquire(2);
        assertThat(first).hasSize(2);
        assertThat(b.acquire(2)).as("only one slot left").hasSize(1);
        assertThat(a.acquire(1)).isEmpty();
        assertThat(a.held()).isEqualTo(3);

        a.release(first.get(0));
        assertThat(b.acquire(1)).hasSize(1);
        a.release(first.get(0));
        assertThat(a.held()).as("a second release of the same claim frees nothing").isEqualTo(3);
    }

    @Test
    void deadInstanceSlotsExpireWhileRenewedOnesStay() {
        assertThat(a.acquire(2)).hasSize(2);
        assertThat(b.acquire(1)).hasSize(1);

        clock.advance(Duration.ofSeconds(4));
        b.renewAll();
        clock.advance(Duration.ofSeconds(3));

        assertThat(a.held()).as("a stopped renewing: its two slots expired").isEqualTo(1);
        assertThat(b.acquire(3)).hasSize(2);
        a.renewAll();
        assertThat(a.held()).as("a late renewal cannot revive slots taken by another").isEqualTo(3);
        assertThat(a.acquire(1)).isEmpty();
    }

    @Test
    void capacityIsNeverExceededUnderContention() throws Exception {
        a = new JdbcTaskSlots(dataSource, "contended", "instance-a", 4, LEASE, clock);
        a.createTableIfAbsent();
        a.fitCapacity();
        JdbcTaskSlots shared = a;
        AtomicInteger holding = new AtomicInteger();
        AtomicInteger maxHolding = new AtomicInteger();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            threads.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    try {
                        for (String claim : shared.acquire(1)) {
                            maxHolding.accumulateAndGet(holding.incrementAndGet(), Math::max);
                            holding.decrementAndGet();
                            shared.release(claim);
                        }
                    } catch (RuntimeException e) {
                        errors.add(e);
                    }
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(errors).isEmpty();
        assertThat(maxHolding.get()).isBetween(1, 4);
        assertThat(shared.held()).isZero();
    }

    @Test
    void loweringTheCapacityRemovesTheSlotsAbove() {
        new JdbcTaskSlots(dataSource, "ledger", "instance-a", 2, LEASE, clock).fitCapacity();
        JdbcTaskSlots two = new JdbcTaskSlots(dataSource, "ledger", "instance-a", 2, LEASE, clock);

        assertThat(two.acquire(3)).hasSize(2);
    }

    @Test
    void withoutTheTableFittingTheCapacityFailsWithOneLineThatSaysHowToCreateIt() {
        JdbcTaskSlots missing = new JdbcTaskSlots(dataSource, "nosuch", "instance-a", 2, LEASE, clock);

        assertThatThrownBy(missing::fitCapacity).isInstanceOf(TaskLedgerException.class)
                .hasMessageStartingWith("cannot set up the 2 slots in nosuch_slots")
                .hasMessageContaining("provision").hasMessageNotContaining("\n");
    }
}
