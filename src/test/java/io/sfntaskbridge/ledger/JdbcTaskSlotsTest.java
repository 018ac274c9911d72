package io.sfntaskbridge.ledger;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import io.sfntaskbridge.task.TaskLedgerException;
import io.sfntaskbridge.task.TaskSlots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The caps across instances on a real (H2) database: never more slots held than a pool's capacity, pools of different
 * workers apart, leases expire unless renewed.
 */
class JdbcTaskSlotsTest {

    private static final Duration LEASE = Duration.ofSeconds(6);
    private static final String POOL = "queue:erp";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private HikariDataSource dataSource;
    private JdbcGlobalCaps capsA;
    private JdbcGlobalCaps capsB;
    private TaskSlots a;
    private TaskSlots b;

    @BeforeEach
    void createSlots() {
        dataSource = LedgerSettings.pool("jdbc:h2:mem:slots" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "", "", 10);
        capsA = caps("instance-a");
        capsB = caps("instance-b");
        a = capsA.slots(POOL, 3);
        b = capsB.slots(POOL, 3);
    }

    private JdbcGlobalCaps caps(String instance) {
        return new JdbcGlobalCaps(dataSource, "ledger", instance, LEASE, null, true, clock);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    private int held(String pool) {
        return new JdbcTaskSlots(dataSource, "ledger", "counter", pool, 1, LEASE, clock).held();
    }

    @Test
    void instancesShareThePoolsCapacityAndReleasedSlotsComeBack() {
        List<String> first = a.acquire(2);
        assertThat(first).hasSize(2);
        assertThat(b.acquire(2)).as("only one slot left").hasSize(1);
        assertThat(a.acquire(1)).isEmpty();
        assertThat(held(POOL)).isEqualTo(3);

        a.release(first.get(0));
        assertThat(b.acquire(1)).hasSize(1);
        a.release(first.get(0));
        assertThat(held(POOL)).as("a second release of the same claim frees nothing").isEqualTo(3);
    }

    @Test
    void eachWorkersPoolHasItsOwnCapacity() {
        TaskSlots crm = capsA.slots("queue:crm", 5);
        assertThat(a.acquire(3)).hasSize(3);
        assertThat(crm.acquire(10)).as("the erp pool being full takes nothing from crm's").hasSize(5);
        assertThat(held(POOL)).isEqualTo(3);
        assertThat(held("queue:crm")).isEqualTo(5);
    }

    @Test
    void deadInstanceSlotsExpireWhileRenewedOnesStay() {
        assertThat(a.acquire(2)).hasSize(2);
        assertThat(b.acquire(1)).hasSize(1);

        clock.advance(Duration.ofSeconds(4));
        capsB.renewAll();
        clock.advance(Duration.ofSeconds(3));

        assertThat(held(POOL)).as("a stopped renewing: its two slots expired").isEqualTo(1);
        assertThat(b.acquire(3)).hasSize(2);
        capsA.renewAll();
        assertThat(held(POOL)).as("a late renewal cannot revive slots taken by another").isEqualTo(3);
        assertThat(a.acquire(1)).isEmpty();
    }

    @Test
    void capacityIsNeverExceededUnderContention() throws Exception {
        TaskSlots shared = capsA.slots("queue:contended", 4);
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
        assertThat(held("queue:contended")).isZero();
    }

    @Test
    void loweringTheCapacityRemovesTheSlotsAbove() {
        TaskSlots two = capsA.slots(POOL, 2);

        assertThat(two.acquire(3)).hasSize(2);
    }

    @Test
    void anEarlierVersionsSlotTableIsMadeAnew() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE old_slots (slot INTEGER NOT NULL PRIMARY KEY, owner VARCHAR(100),"
                              + " claim VARCHAR(200), lease_until BIGINT NOT NULL)");
        }
        assertThat(JdbcTaskSlots.createTableIfAbsent(dataSource, "old_slots")).isTrue();
        assertThat(JdbcTaskSlots.createTableIfAbsent(dataSource, "old_slots")).as("now current").isFalse();
        TaskSlots slots = new JdbcGlobalCaps(dataSource, "old", "instance-a", LEASE, null, false, clock).slots(POOL, 2);
        assertThat(slots.acquire(2)).hasSize(2);
    }

    @Test
    void withoutTheTableFittingTheCapacityFailsWithOneLineThatSaysHowToCreateIt() {
        JdbcGlobalCaps noTable = new JdbcGlobalCaps(dataSource, "nosuch", "instance-a", LEASE, null, false, clock);

        assertThatThrownBy(() -> noTable.slots(POOL, 2)).isInstanceOf(TaskLedgerException.class)
                .hasMessageStartingWith("cannot set up the 2 slots of queue:erp in nosuch_slots")
                .hasMessageContaining("provision").hasMessageNotContaining("\n");
    }

    @Test
    void aStoreThatIsNotSharedRefusesWithTheReason() {
        JdbcGlobalCaps embedded = new JdbcGlobalCaps(dataSource, "ledger", "instance-a", LEASE,
                "set bridge.ledger.url to PostgreSQL (it is jdbc:h2:file:...)", true, clock);

        assertThatThrownBy(() -> embedded.slots(POOL, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("globalConcurrency (2) of queue:erp needs a ledger database that every instance shares:"
                            + " set bridge.ledger.url to PostgreSQL (it is jdbc:h2:file:...)");
    }
}
