package io.sfntaskbridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.sfntaskbridge.testsupport.LocalStack;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code bench/run.sh cpu} (and the last part of the default run): CPU time and AWS calls per task of each worker, ours
 * and plain, each in a JVM of its own (see {@link WorkerProcess}), alternating who goes first each round.
 * <p>
 * Per worker JVM: {@code bench.cpu.warmup-tasks} (200) tasks first, not counted; then the <b>cold</b> window of
 * {@code bench.cpu.tasks} (1000) tasks; then {@code bench.cpu.warm-after} (1000) more tasks, not counted, for the JIT
 * to finish compiling the hot paths; then the <b>warm</b> window of as many tasks as the cold one. A window: the
 * counters are marked, its tasks are enqueued at once, and it ends when the worker has made as many SendTaskSuccess
 * calls and deleted as many messages. CPU = utime + stime of the worker's whole JVM over the window
 * ({@code /proc/<pid>/stat}: every thread, JIT compiler and GC included; the enqueueing is done by this JVM, not
 * counted). AWS calls = SDK API calls made by that JVM over the window, counted by {@link AnswerInterceptor} on every
 * SDK client (ours: the runtime's own SqsClient and SfnClient; retries not counted as calls, "HTTP attempts" counts
 * them). Settings: {@code bench.cpu.concurrency} (4), {@code bench.latency-millis} (50), {@code bench.cpu.rounds} (2),
 * {@code bench.cpu.jvm-args} (extra flags for the worker JVMs, e.g. JFR), {@code bench.cpu.workers} (plain,ours).
 */
final class CpuBenchmark {

    private final SqsClient sqs;
    private final TaskSupply supply;
    private final int concurrency = Integer.getInteger("bench.cpu.concurrency", 4);
    private final int latencyMillis = Integer.getInteger("bench.latency-millis", 50);
    private final int tasks = Integer.getInteger("bench.cpu.tasks", 1000);
    private final int warmupTasks = Integer.getInteger("bench.cpu.warmup-tasks", 200);
    private final int warmAfter = Integer.getInteger("bench.cpu.warm-after", 1000);
    private final int rounds = Integer.getInteger("bench.cpu.rounds", 2);
    private final List<String> workers = List.of(System.getProperty("bench.cpu.workers", "plain,ours").split(","));
    private final List<String> jvmArgs = Arrays.stream(System.getProperty("bench.cpu.jvm-args", "").split(" "))
            .filter(arg -> !arg.isBlank()).toList();

    CpuBenchmark(SqsClient sqs, TaskSupply supply) {
        this.sqs = sqs;
        this.supply = supply;
    }

    public static void main(String[] args) throws Exception {
        SqsClient sqs = LocalStack.sqs();
        SfnClient sfn = LocalStack.sfn();
        new CpuBenchmark(sqs, new TaskSupply(sqs, sfn)).run();
        System.exit(0);
    }

    List<CpuFigures> run() throws Exception {
        System.out.printf("CPU and AWS calls per task: N = %d, L = %d ms; per worker JVM %d warm-up tasks, a cold window"
                          + " of %d, %d more tasks, a warm window of %d, each window enqueued at once%n", concurrency,
                latencyMillis, warmupTasks, tasks, warmAfter, tasks);
        List<CpuFigures> runs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            List<String> order = new ArrayList<>(workers);
            if (round % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            for (String worker : order) {
                for (CpuFigures figures : measure(worker, round)) {
                    runs.add(figures);
                    System.out.println(figures.line());
                }
            }
        }
        CpuFigures.summarize(runs, "cold", "Cold: the " + tasks + " tasks after " + warmupTasks + " warm-up tasks");
        CpuFigures.summarize(runs, "warm", "Warm (steady state): " + tasks + " tasks after " + (warmupTasks + tasks
                + warmAfter) + " tasks in the same JVM");
        return runs;
    }

    private List<CpuFigures> measure(String worker, int round) throws Exception {
        List<BenchTask> warmup = supply.take(warmupTasks);
        List<BenchTask> cold = supply.take(tasks);
        List<BenchTask> more = supply.take(warmAfter);
        List<BenchTask> warm = supply.take(tasks);
        String queueName = LocalStack.uniqueName("bench-work");
        String queueUrl = sqs.createQueue(r -> r.queueName(queueName)).queueUrl();
        try (WorkerProcess process = new WorkerProcess(worker, queueName, concurrency, latencyMillis, jvmArgs,
                Path.of("target/bench-logs/cpu-" + worker + "-" + round + ".log"))) {
            Thread.sleep(1_500);
            unmeasured(process, queueUrl, warmup);
            CpuFigures first = window(process, queueUrl, cold, worker, "cold", round);
            unmeasured(process, queueUrl, more);
            return List.of(first, window(process, queueUrl, warm, worker, "warm", round));
        } finally {
            sqs.deleteQueue(r -> r.queueUrl(queueUrl));
        }
    }

    private void unmeasured(WorkerProcess process, String queueUrl, List<BenchTask> batch) throws Exception {
        if (!batch.isEmpty()) {
            process.mark();
            Enqueuer.sendAll(sqs, queueUrl, batch, (task, nanos) -> {
            });
            process.await(batch.size(), 600);
            Thread.sleep(1_000);
        }
    }

    private CpuFigures window(WorkerProcess process, String queueUrl, List<BenchTask> measured, String worker,
                              String phase, int round) throws Exception {
        String loadBefore = load();
        process.mark();
        Map<String, Long> threadsBefore = process.nativeThreadMillis();
        long cpuBefore = process.cpuMillis();
        long start = System.nanoTime();
        Enqueuer.sendAll(sqs, queueUrl, measured, (task, nanos) -> {
        });
        process.await(measured.size(), 600);
        long cpuAfter = process.cpuMillis();
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Long> threadsAfter = process.nativeThreadMillis();
        Map<String, Long> report = process.report();
        threadsAfter.forEach((name, millis) -> {
            long delta = millis - threadsBefore.getOrDefault(name, 0L);
            if (delta >= 10) {
                report.put("native:" + name, delta);
            }
        });
        return new CpuFigures(worker, phase, round, measured.size(), seconds, cpuAfter - cpuBefore, report,
                loadBefore + " -> " + load());
    }

    static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (Exception e) {
            return "?";
        }
    }
}
