package io.sfntaskbridge.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import com.sun.management.OperatingSystemMXBean;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.task.TaskAnswer;
import io.sfntaskbridge.task.TaskClaim;
import io.sfntaskbridge.ledger.JdbcTaskLedger;
import io.sfntaskbridge.ledger.LedgerSchema;

/**
 * {@code bench/run.sh ledger}: the task ledger's own cost per task, apart from the worker: on one thread, {@code
 * bench.ledger.tasks} (3000) times what a task does with it (claim, store the answer, close), three rounds, the
 * process's CPU time and the wall time per task printed per round (the last round is the warm one). Each
 * {@code bench.ledger.urls} entry (separated by {@code |}; default: the runtime's H2 file, flushed at each commit,
 * and the same without {@code WRITE_DELAY=0}) gets a fresh database under target/bench-ledger. Needs no emulator.
 */
final class LedgerCostBenchmark {

    public static void main(String[] args) throws Exception {
        int tasks = Integer.getInteger("bench.ledger.tasks", 3000);
        Path dir = Path.of("target/bench-ledger").toAbsolutePath();
        String urls = System.getProperty("bench.ledger.urls",
                "jdbc:h2:file:" + dir + "/flushed/ledger;WRITE_DELAY=0|jdbc:h2:file:" + dir + "/delayed/ledger");
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String output = "{\"orderId\":\"o1\",\"total\":35.82,\"lines\":[{\"sku\":\"SKU-08\",\"quantity\":2}]}";
        for (String url : urls.split("\\|")) {
            deleteTree(dir);
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setMaximumPoolSize(4);
            try (HikariDataSource dataSource = new HikariDataSource(config)) {
                new LedgerSchema(dataSource, "bench_ledger").createIfAbsent();
                JdbcTaskLedger ledger = new JdbcTaskLedger(dataSource, "bench_ledger", "bench", Duration.ofSeconds(30),
                        Clock.systemUTC());
                for (int round = 1; round <= 3; round++) {
                    long cpu = os.getProcessCpuTime();
                    long wall = System.nanoTime();
                    for (int i = 0; i < tasks; i++) {
                        TaskClaim claim = ledger.claim("token-" + round + "-" + i + "-" + "x".repeat(700));
                        ledger.storeAnswer(claim, TaskAnswer.success(output));
                        ledger.close(claim.tokenHash(), SfnTaskOutcome.SUCCEEDED);
                    }
                    System.out.printf("ledger %s round %d: %d tasks, %.3f ms CPU/task, %.3f ms wall/task%n", url, round,
                            tasks, (os.getProcessCpuTime() - cpu) / 1e6 / tasks, (System.nanoTime() - wall) / 1e6 / tasks);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
