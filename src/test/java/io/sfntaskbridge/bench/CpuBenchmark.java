package io.sfntaskbridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.sfntaskbridge.testsupport.LocalStack;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code bench/run.sh cpu} (and the last part of the default run): CPU time and AWS calls per task of each worker, ours
 * and plain, each in a JVM of its own (see {@link WorkerProcess}), alternating who goes first each round.
 * <p>
 * Per run: the worker's JVM starts and answers {@code bench.cpu.warmup-tasks} (200) tasks first (JIT warm-up, not
 * counted); then the counters are marked, {@code bench.cpu.tasks} (1000) tasks are enqueued at once, and the window
 * ends when the worker has made as many SendTaskSuccess and DeleteMessage calls. CPU = utime + stime of the worker's
 * whole JVM over the window ({@code /proc/<pid>/stat}: every thread, JIT compiler and GC included; the enqueueing is
 * done by this JVM, not counted). AWS calls = SDK API calls made by that JVM over the window, counted by
 * {@link AnswerInterceptor} on every SDK client (ours: the runtime's own SqsClient and SfnClient; retries not counted
 * as calls, "HTTP attempts" counts them). Settings: {@code bench.cpu.concurrency} (4), {@code bench.latency-millis}
 * (50), {@code bench.cpu.rounds} (2), {@code bench.cpu.jvm-args} (extra flags for the worker JVMs, e.g. JFR), {@code bench.cpu.workers} (plain,ours).
 */
final class CpuBenchmark {

    record Figures(String worker, int round, int tasks, double seconds, long cpuMillis, Map<String, Long> calls,
            String load) {

        double cpuPerTask() {
            return (double) cpuMillis / tasks;
        }

        long awsCalls() {
            return calls.entrySet().stream().filter(e -> isCall(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        static boolean isCall(String name) {
            return !name.equals("attempts") && !name.startsWith("thread:") && !name.startsWith("native:");
        }

        /** CPU ms per task without the JIT compiler threads (live at the end of the window), i.e. nearer steady state. */
        double cpuPerTaskWithoutJit() {
            return (cpuMillis - calls.getOrDefault("native:CN CompilerThre", 0L)) / (double) tasks;
        }

        double callsPerTask() {
            return (double) awsCalls() / tasks;
        }
    }

    private final SqsClient sqs;
    private final TaskSupply supply;
    private final int concurrency = Integer.getInteger("bench.cpu.concurrency", 4);
    private final int latencyMillis = Integer.getInteger("bench.latency-millis", 50);
    private final int tasks = Integer.getInteger("bench.cpu.tasks", 1000);
    private final int warmupTasks = Integer.getInteger("bench.cpu.warmup-tasks", 200);
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

    List<Figures> run() throws Exception {
        System.out.printf("CPU and AWS calls per task: N = %d, L = %d ms, %d tasks enqueued at once after %d warm-up tasks;"
                          + " each worker in its own JVM%n", concurrency, latencyMillis, tasks, warmupTasks);
        List<Figures> runs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            List<String> order = new ArrayList<>(workers);
            if (round % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            for (String worker : order) {
                Figures figures = measure(worker, round);
                runs.add(figures);
                System.out.println(line(figures));
            }
        }
        summarize(runs);
        return runs;
    }

    private Figures measure(String worker, int round) throws Exception {
        List<BenchTask> warmup = supply.take(warmupTasks);
        List<BenchTask> measured = supply.take(tasks);
        String queueName = LocalStack.uniqueName("bench-work");
        String queueUrl = sqs.createQueue(r -> r.queueName(queueName)).queueUrl();
        try (WorkerProcess process = new WorkerProcess(worker, queueName, concurrency, latencyMillis, jvmArgs,
                Path.of("target/bench-logs/cpu-" + worker + "-" + round + ".log"))) {
            Thread.sleep(1_500);
            if (!warmup.isEmpty()) {
                Enqueuer.sendAll(sqs, queueUrl, warmup, (task, nanos) -> {
                });
                process.await(warmup.size(), 180);
                Thread.sleep(1_000);
            }
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
            return new Figures(worker, round, measured.size(), seconds, cpuAfter - cpuBefore, report,
                    loadBefore + " -> " + load());
        } finally {
            sqs.deleteQueue(r -> r.queueUrl(queueUrl));
        }
    }

    static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (Exception e) {
            return "?";
        }
    }

    private static String line(Figures f) {
        StringBuilder calls = new StringBuilder();
        f.calls().forEach((name, count) -> {
            if (!name.startsWith("thread:") && !name.startsWith("native:") && !name.equals("attempts")) {
                calls.append(String.format(" %s %.3f", name, (double) count / f.tasks()));
            }
        });
        StringBuilder threads = new StringBuilder();
        f.calls().entrySet().stream().filter(e -> e.getKey().startsWith("thread:") || e.getKey().startsWith("native:"))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(e -> threads.append(String.format("%n      %6d ms  %s", e.getValue(), e.getKey())));
        return String.format("cpu   %-5s round %d  %4d tasks in %5.1f s (%5.1f tasks/s)  CPU %6d ms = %6.2f ms/task"
                             + " (%.2f without JIT threads)  AWS calls %.3f/task (HTTP attempts %.3f/task)  load %s%n      per task:%s"
                             + "%n      top threads (CPU ms in the window; thread: = Java threads, native: = kernel names):%s",
                f.worker(), f.round(), f.tasks(), f.seconds(), f.tasks() / f.seconds(), f.cpuMillis(), f.cpuPerTask(),
                f.cpuPerTaskWithoutJit(), f.callsPerTask(), (double) f.calls().getOrDefault("attempts", 0L) / f.tasks(), f.load(), calls, threads);
    }

    private void summarize(List<Figures> runs) {
        double oursCpu = mean(runs, "ours", Figures::cpuPerTask);
        double plainCpu = mean(runs, "plain", Figures::cpuPerTask);
        double oursCalls = mean(runs, "ours", Figures::callsPerTask);
        double plainCalls = mean(runs, "plain", Figures::callsPerTask);
        Map<String, Double> oursByCall = new TreeMap<>();
        Map<String, Double> plainByCall = new TreeMap<>();
        for (Figures f : runs) {
            Map<String, Double> target = f.worker().equals("ours") ? oursByCall : plainByCall;
            f.calls().forEach((name, count) -> {
                if (!name.startsWith("thread:") && !name.startsWith("native:") && !name.equals("attempts")) {
                    target.merge(name, (double) count / f.tasks() / runs.stream().filter(r -> r.worker().equals(f.worker()))
                            .count(), Double::sum);
                }
            });
        }
        System.out.println();
        System.out.printf("N = %d, L = %d ms, %d tasks per run, mean over %d rounds:%n", concurrency, latencyMillis, tasks,
                rounds);
        System.out.printf("  CPU ms/task     plain %6.2f   ours %6.2f   ours/plain %.2f  (goal <= 1.10)%n", plainCpu,
                oursCpu, oursCpu / plainCpu);
        double oursNoJit = mean(runs, "ours", Figures::cpuPerTaskWithoutJit);
        double plainNoJit = mean(runs, "plain", Figures::cpuPerTaskWithoutJit);
        System.out.printf("  CPU ms/task without JIT compiler threads  plain %6.2f   ours %6.2f   ours/plain %.2f%n",
                plainNoJit, oursNoJit, oursNoJit / plainNoJit);
        System.out.printf("  AWS calls/task  plain %6.3f   ours %6.3f   ours/plain %.3f (goal within 5 %%)%n", plainCalls,
                oursCalls, oursCalls / plainCalls);
        Map<String, Double> names = new LinkedHashMap<>();
        plainByCall.keySet().forEach(name -> names.put(name, 0.0));
        oursByCall.keySet().forEach(name -> names.put(name, 0.0));
        names.keySet().forEach(name -> System.out.printf("    %-34s plain %6.3f   ours %6.3f%n", name,
                plainByCall.getOrDefault(name, 0.0), oursByCall.getOrDefault(name, 0.0)));
    }

    private static double mean(List<Figures> runs, String worker, java.util.function.ToDoubleFunction<Figures> figure) {
        return runs.stream().filter(f -> f.worker().equals(worker)).mapToDouble(figure).average().orElse(Double.NaN);
    }
}
