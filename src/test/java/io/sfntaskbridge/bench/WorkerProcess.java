package io.sfntaskbridge.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfntaskbridge.testsupport.LocalStack;
import software.amazon.awssdk.regions.Region;

/**
 * One worker (ours or plain) in a JVM of its own, so its CPU time is its own: {@link #main} is the child, the rest is
 * the parent's handle on it. The child starts the worker and answers commands on stdin with {@code @bench} lines on
 * stdout: {@code mark} (zero the counters, snapshot per-thread CPU), {@code await <n>} (until n SendTaskSuccess and n
 * messages deleted since the mark, one by one or in batches), {@code report} (AWS calls since the mark and per-thread CPU), {@code count}, {@code stop}.
 * The parent reads the child's CPU time from {@code /proc/<pid>/stat} (utime + stime: every thread of the JVM,
 * including JIT compiler and GC threads).
 */
final class WorkerProcess implements AutoCloseable {

    private static final String PREFIX = "@bench ";
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long CLOCK_TICKS_PER_SECOND = clockTicks();

    private final Process process;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final PrintWriter commands;

    /** Starts {@code worker} (ours|plain) on {@code queueName} with extra JVM arguments; returns once it is ready. */
    WorkerProcess(String worker, String queueName, int concurrency, int latencyMillis, List<String> jvmArgs,
                  Path log) throws Exception {
        this(worker, queueName, concurrency, latencyMillis, jvmArgs, Map.of(), log);
    }

    /** As above, with settings of our runtime for this process only ({@code bench.override.<key>}). */
    WorkerProcess(String worker, String queueName, int concurrency, int latencyMillis, List<String> jvmArgs,
                  Map<String, String> overrides, Path log) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith(BridgeUnderTest.OVERRIDE))
                .forEach(key -> command.add("-D" + key + "=" + System.getProperty(key)));
        overrides.forEach((key, value) -> command.add("-D" + BridgeUnderTest.OVERRIDE + key + "=" + value));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), WorkerProcess.class.getName(), worker,
                queueName, Integer.toString(concurrency), Integer.toString(latencyMillis)));
        Files.createDirectories(log.getParent());
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        commands = new PrintWriter(new BufferedWriter(new OutputStreamWriter(process.getOutputStream(),
                StandardCharsets.UTF_8)), true);
        Thread reader = new Thread(() -> read(log), "worker-output-" + worker);
        reader.setDaemon(true);
        reader.start();
        expect("ready", 120);
    }

    private void read(Path log) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); var out = Files.newBufferedWriter(log)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(PREFIX)) {
                    replies.add(line.substring(PREFIX.length()));
                } else {
                    out.write(line);
                    out.newLine();
                }
            }
        } catch (IOException e) {
            // the child ended
        }
        replies.add("exited");
    }

    private String expect(String prefix, int seconds) throws Exception {
        String reply = replies.poll(seconds, TimeUnit.SECONDS);
        if (reply == null || !reply.startsWith(prefix)) {
            throw new IllegalStateException("worker process: expected '" + prefix + "', got " + reply);
        }
        return reply.substring(prefix.length()).strip();
    }

    long pid() {
        return process.pid();
    }

    void mark() throws Exception {
        commands.println("mark");
        expect("marked", 30);
    }

    /** Waits until the child saw {@code tasks} SendTaskSuccess and as many messages deleted since the mark. */
    void await(int tasks, int seconds) throws Exception {
        commands.println("await " + tasks + " " + seconds);
        expect("done", seconds + 10);
    }

    /** SendTaskSuccess calls since the mark, and the nanoTime of the last one. */
    long[] count() throws Exception {
        commands.println("count");
        String[] parts = expect("count", 30).split(" ");
        return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    }

    /** AWS calls since the mark by Service.Operation, plus "attempts" (HTTP requests) and "thread:<name>" CPU ms. */
    Map<String, Long> report() throws Exception {
        commands.println("report");
        return JSON.readValue(expect("report", 30), new TypeReference<LinkedHashMap<String, Long>>() {
        });
    }

    /** utime + stime of the whole process, in milliseconds. */
    long cpuMillis() throws IOException {
        return ticks(Path.of("/proc/" + pid() + "/stat"))[2] * 1000 / CLOCK_TICKS_PER_SECOND;
    }

    /** CPU ms of every thread alive now, by its kernel name (15 characters; digits folded), e.g. GC and JIT threads. */
    Map<String, Long> nativeThreadMillis() throws IOException {
        Map<String, Long> byName = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid() + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "N");
                    byName.merge(name, ticks(task.resolve("stat"))[2] * 1000 / CLOCK_TICKS_PER_SECOND, Long::sum);
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return byName;
    }

    /** utime, stime, their sum: fields 14 and 15 of /proc/.../stat, in clock ticks. */
    static long[] ticks(Path stat) throws IOException {
        String text = Files.readString(stat);
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        long user = Long.parseLong(fields[11]);
        long system = Long.parseLong(fields[12]);
        return new long[] {user, system, user + system};
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            getconf.waitFor();
            return Long.parseLong(out);
        } catch (Exception e) {
            return 100;
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            commands.println("stop");
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    // ---- the child ----

    public static void main(String[] args) throws Exception {
        String worker = args[0];
        String queueName = args[1];
        int concurrency = Integer.parseInt(args[2]);
        int latencyMillis = Integer.parseInt(args[3]);
        BenchWorker under = worker.equals("ours") ? new BridgeUnderTest(LocalStack.endpoint(), LocalStack.REGION)
                : new PlainSdkWorker(LocalStack.endpoint(), Region.of(LocalStack.REGION));
        under.start(queueName, concurrency, latencyMillis);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> markedCalls = AnswerInterceptor.calls();
        long markedAttempts = AnswerInterceptor.attempts();
        long markedDeleted = AnswerInterceptor.messagesDeleted();
        Map<Long, Long> markedThreads = threadCpu(threads);
        reply("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] command = line.strip().split(" ");
            switch (command[0]) {
                case "mark" -> {
                    markedCalls = AnswerInterceptor.calls();
                    markedAttempts = AnswerInterceptor.attempts();
                    markedDeleted = AnswerInterceptor.messagesDeleted();
                    markedThreads = threadCpu(threads);
                    reply("marked");
                }
                case "await" -> {
                    long target = Long.parseLong(command[1]);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(command[2]));
                    while (System.nanoTime() < deadline
                           && (since(markedCalls, "Sfn.SendTaskSuccess") < target
                               || AnswerInterceptor.messagesDeleted() - markedDeleted < target)) {
                        Thread.sleep(20);
                    }
                    reply("done");
                }
                case "count" -> reply("count " + since(markedCalls, "Sfn.SendTaskSuccess") + " "
                                      + AnswerInterceptor.lastSuccessNanos());
                case "report" -> {
                    Map<String, Long> report = new LinkedHashMap<>();
                    Map<String, Long> before = markedCalls;
                    AnswerInterceptor.calls().forEach((name, count) -> {
                        long delta = count - before.getOrDefault(name, 0L);
                        if (delta > 0) {
                            report.put(name, delta);
                        }
                    });
                    report.put("attempts", AnswerInterceptor.attempts() - markedAttempts);
                    Map<String, Long> byName = new HashMap<>();
                    Map<Long, Long> startCpu = markedThreads;
                    threadCpu(threads).forEach((id, nanos) -> {
                        var info = threads.getThreadInfo(id);
                        if (info != null) {
                            long delta = nanos - startCpu.getOrDefault(id, 0L);
                            byName.merge("thread:" + fold(info.getThreadName()), delta / 1_000_000, Long::sum);
                        }
                    });
                    byName.entrySet().stream().filter(e -> e.getValue() > 0)
                            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                            .forEach(e -> report.put(e.getKey(), e.getValue()));
                    reply("report " + JSON.writeValueAsString(report));
                }
                case "stop" -> {
                    under.close();
                    System.exit(0);
                }
                default -> reply("unknown " + line);
            }
        }
        under.close();
        System.exit(0);
    }

    private static long since(Map<String, Long> marked, String name) {
        return AnswerInterceptor.calls(name) - marked.getOrDefault(name, 0L);
    }

    private static Map<Long, Long> threadCpu(ThreadMXBean threads) {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }

    /** Thread names without their numbers and queue names, so a pool's threads add up. */
    static String fold(String name) {
        return name.replaceAll("bench-work-[A-Za-z0-9-]+", "<queue>").replaceAll("[0-9]+", "N");
    }

    private static synchronized void reply(String line) {
        System.out.println(PREFIX + line);
        System.out.flush();
    }
}
