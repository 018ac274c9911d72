package io.sfntaskbridge.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The figures of one measured window of {@link CpuBenchmark}, and how they are printed: per window a line, per phase
 * (cold: the first tasks after start; warm: after the JIT warm-up) the means over the rounds, ours against plain.
 */
record CpuFigures(String worker, String phase, int round, int tasks, double seconds, long cpuMillis,
        Map<String, Long> calls, String load) {

    double cpuPerTask() {
        return (double) cpuMillis / tasks;
    }

    long awsCalls() {
        return calls.entrySet().stream().filter(e -> isCall(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    static boolean isCall(String name) {
        return !name.equals("attempts") && !name.startsWith("thread:") && !name.startsWith("native:");
    }

    /** CPU ms per task without the JIT compiler threads (live at the end of the window). */
    double cpuPerTaskWithoutJit() {
        return (cpuMillis - calls.getOrDefault("native:CN CompilerThre", 0L)) / (double) tasks;
    }

    double callsPerTask() {
        return (double) awsCalls() / tasks;
    }

    String line() {
        StringBuilder perTask = new StringBuilder();
        calls.forEach((name, count) -> {
            if (isCall(name)) {
                perTask.append(String.format(" %s %.3f", name, (double) count / tasks));
            }
        });
        StringBuilder threads = new StringBuilder();
        calls.entrySet().stream().filter(e -> !isCall(e.getKey()) && !e.getKey().equals("attempts"))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(e -> threads.append(String.format("%n      %6d ms  %s", e.getValue(), e.getKey())));
        return String.format("cpu   %-5s %-4s round %d  %4d tasks in %5.1f s (%5.1f tasks/s)  CPU %6d ms = %6.2f ms/task"
                             + " (%.2f without JIT threads)  AWS calls %.3f/task (HTTP attempts %.3f/task)  load %s"
                             + "%n      per task:%s%n      top threads (CPU ms in the window; thread: = Java threads,"
                             + " native: = kernel names):%s", worker, phase, round, tasks, seconds, tasks / seconds,
                cpuMillis, cpuPerTask(), cpuPerTaskWithoutJit(), callsPerTask(),
                (double) calls.getOrDefault("attempts", 0L) / tasks, load, perTask, threads);
    }

    /** The means of one phase over the rounds, ours against plain, and the AWS calls per task by operation. */
    static void summarize(List<CpuFigures> all, String phase, String what) {
        List<CpuFigures> runs = all.stream().filter(f -> f.phase().equals(phase)).toList();
        System.out.printf("%n%s, mean over %d rounds:%n", what, runs.size() / 2);
        double plain = mean(runs, "plain", CpuFigures::cpuPerTask);
        double ours = mean(runs, "ours", CpuFigures::cpuPerTask);
        System.out.printf("  CPU ms/task     plain %6.2f   ours %6.2f   ours/plain %.2f%n", plain, ours, ours / plain);
        double plainNoJit = mean(runs, "plain", CpuFigures::cpuPerTaskWithoutJit);
        double oursNoJit = mean(runs, "ours", CpuFigures::cpuPerTaskWithoutJit);
        System.out.printf("  CPU ms/task without JIT compiler threads  plain %6.2f   ours %6.2f   ours/plain %.2f%n",
                plainNoJit, oursNoJit, oursNoJit / plainNoJit);
        double plainCalls = mean(runs, "plain", CpuFigures::callsPerTask);
        double oursCalls = mean(runs, "ours", CpuFigures::callsPerTask);
        System.out.printf("  AWS calls/task  plain %6.3f   ours %6.3f   ours/plain %.3f%n", plainCalls, oursCalls,
                oursCalls / plainCalls);
        double plainRate = mean(runs, "plain", f -> f.tasks() / f.seconds());
        double oursRate = mean(runs, "ours", f -> f.tasks() / f.seconds());
        System.out.printf("  tasks/s         plain %6.1f   ours %6.1f   ours/plain %.2f%n", plainRate, oursRate,
                oursRate / plainRate);
        Map<String, Double> names = new LinkedHashMap<>();
        Map<String, Map<String, Double>> byWorker = Map.of("plain", perCall(runs, "plain"), "ours", perCall(runs, "ours"));
        byWorker.get("plain").keySet().forEach(name -> names.put(name, 0.0));
        byWorker.get("ours").keySet().forEach(name -> names.put(name, 0.0));
        names.keySet().forEach(name -> System.out.printf("    %-34s plain %6.3f   ours %6.3f%n", name,
                byWorker.get("plain").getOrDefault(name, 0.0), byWorker.get("ours").getOrDefault(name, 0.0)));
    }

    private static Map<String, Double> perCall(List<CpuFigures> runs, String worker) {
        List<CpuFigures> mine = runs.stream().filter(f -> f.worker().equals(worker)).toList();
        Map<String, Double> perTask = new TreeMap<>();
        for (CpuFigures f : mine) {
            f.calls().forEach((name, count) -> {
                if (isCall(name)) {
                    perTask.merge(name, (double) count / f.tasks() / mine.size(), Double::sum);
                }
            });
        }
        return perTask;
    }

    private static double mean(List<CpuFigures> runs, String worker, ToDoubleFunction<CpuFigures> figure) {
        return runs.stream().filter(f -> f.worker().equals(worker)).mapToDouble(figure).average().orElse(Double.NaN);
    }
}
