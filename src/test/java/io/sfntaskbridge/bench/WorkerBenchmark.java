package io.sfntaskbridge.bench;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sfntaskbridge.testsupport.LocalStack;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code bench/run.sh}: our runtime against a plain SDK worker on LocalStack, alternating, for each concurrency N;
 * then the shipped jar's start-to-ready time and memory. Prints the figures and writes
 * {@code bench/results/latest.json}. Settings (system properties): {@code bench.concurrency} (1,4,16),
 * {@code bench.latency-millis} (50), {@code bench.rounds} (2), {@code bench.paced-tasks} (30),
 * {@code bench.drain-tasks} (120: the backlog of a drain run; LocalStack answers about 25 a second, whatever N).
 */
public final class WorkerBenchmark {

    private static final Path RESULTS = Path.of("bench/results/latest.json");

    private final SqsClient sqs = LocalStack.sqs();
    private final SfnClient sfn = LocalStack.sfn();
    private final TaskSupply supply = new TaskSupply(sqs, sfn);
    private final int latencyMillis = Integer.getInteger("bench.latency-millis", 50);
    private final int rounds = Integer.getInteger("bench.rounds", 2);
    private final int pacedTasks = Integer.getInteger("bench.paced-tasks", 30);
    private final int drainTasks = Integer.getInteger("bench.drain-tasks", 120);

    public static void main(String[] args) throws Exception {
        int[] concurrencies = Arrays.stream(System.getProperty("bench.concurrency", "1,4,16").split(","))
                .mapToInt(Integer::parseInt).toArray();
        new WorkerBenchmark().run(concurrencies);
        System.exit(0);
    }

    private void run(int[] concurrencies) throws Exception {
        List<RunFigures> runs = new ArrayList<>();
        for (int concurrency : concurrencies) {
            for (int round = 1; round <= rounds; round++) {
                // Alternate who goes first, so drift in the emulator does not favour one worker.
                List<BenchWorker> order = round % 2 == 1 ? List.of(plain(), ours()) : List.of(ours(), plain());
                for (BenchWorker worker : order) {
                    runs.add(measure(worker, concurrency, round, "drain"));
                    runs.add(measure(worker, concurrency, round, "paced"));
                }
            }
        }
        List<Map<String, Object>> summary = summarize(runs, concurrencies);

        // CPU ms and AWS calls per task, each worker in its own JVM (bench.cpu.tasks=0 skips it).
        List<CpuFigures> cpu = List.of();
        if (Integer.getInteger("bench.cpu.tasks", 1000) > 0) {
            System.out.println();
            cpu = new CpuBenchmark(sqs, supply).run();
        }

        JarProbe jar = new JarProbe(LocalStack.endpoint(), sqs);
        List<JarProbe.Figures> starts = new ArrayList<>();
        for (int launch = 1; launch <= 3; launch++) {
            starts.add(jar.measure(launch == 3 ? supply.take(200) : List.of()));
            System.out.printf("jar launch %d: start to ready %.2f s (readiness UP %.2f s), idle RSS %d MB%s%n", launch,
                    starts.get(launch - 1).startToReadySeconds(), starts.get(launch - 1).startToHealthSeconds(),
                    starts.get(launch - 1).idleRssKb() / 1024,
                    launch == 3 ? ", RSS under load (200 tasks) " + starts.get(2).loadedRssKb() / 1024 + " MB" : "");
        }
        write(runs, summary, starts, cpu);
    }

    private BenchWorker plain() {
        return new PlainSdkWorker(LocalStack.endpoint(), Region.of(LocalStack.REGION));
    }

    private BenchWorker ours() {
        return new BridgeUnderTest(LocalStack.endpoint(), LocalStack.REGION);
    }

    private RunFigures measure(BenchWorker worker, int concurrency, int round, String mode) throws Exception {
        double ideal = concurrency * 1000.0 / latencyMillis;
        int count = mode.equals("drain") ? drainTasks : pacedTasks;
        List<BenchTask> tasks = supply.take(count);
        String queueName = LocalStack.uniqueName("bench-work");
        String queueUrl = sqs.createQueue(r -> r.queueName(queueName)).queueUrl();
        AnswerLog answers = new AnswerLog(count);
        try (worker) {
            AnswerInterceptor.record(answers);
            worker.start(queueName, concurrency, latencyMillis);
            // aws2-sqs consumers make their first poll a second after the route starts.
            Thread.sleep(1_500);
            if (mode.equals("drain")) {
                Enqueuer.sendAll(sqs, queueUrl, tasks, answers::enqueued);
            } else {
                Enqueuer.sendPaced(sqs, queueUrl, tasks, ideal / 2, answers::enqueued);
            }
            if (!answers.await(180)) {
                throw new IllegalStateException(worker.name() + " did not answer all " + count + " tasks");
            }
            RunFigures figures = new RunFigures(concurrency, mode, worker.name(), round, count,
                    answers.tasksPerSecond(), answers.latencyMillis(50), answers.latencyMillis(99),
                    worker.maxInFlight());
            System.out.println(figures.line());
            return figures;
        } finally {
            AnswerInterceptor.record(null);
            sqs.deleteQueue(r -> r.queueUrl(queueUrl));
        }
    }

    private List<Map<String, Object>> summarize(List<RunFigures> runs, int[] concurrencies) {
        List<Map<String, Object>> summary = new ArrayList<>();
        System.out.println();
        System.out.printf("L = %d ms. tasks/s: drain runs (backlog), mean over rounds; p50/p99 enqueue-to-answer: paced"
                          + " runs at half of ideal; overhead = ours p50 - plain p50%n", latencyMillis);
        System.out.println("   N  ideal/s   plain/s    ours/s  ours/plain  ours/ideal  plain p50/p99 ms   ours p50/p99 ms"
                           + "  overhead p50  max in flight ours/plain");
        for (int concurrency : concurrencies) {
            double ideal = concurrency * 1000.0 / latencyMillis;
            double plain = mean(runs, concurrency, "drain", "plain", RunFigures::tasksPerSecond);
            double ours = mean(runs, concurrency, "drain", "ours", RunFigures::tasksPerSecond);
            double plainP50 = mean(runs, concurrency, "paced", "plain", RunFigures::p50Millis);
            double plainP99 = mean(runs, concurrency, "paced", "plain", RunFigures::p99Millis);
            double oursP50 = mean(runs, concurrency, "paced", "ours", RunFigures::p50Millis);
            double oursP99 = mean(runs, concurrency, "paced", "ours", RunFigures::p99Millis);
            int oursMax = max(runs, concurrency, "ours");
            int plainMax = max(runs, concurrency, "plain");
            System.out.printf("%4d %8.1f %9.1f %9.1f %11.3f %11.3f %8.1f /%7.1f %8.1f /%7.1f %10.1f ms  %d/%d%n",
                    concurrency, ideal, plain, ours, ours / plain, ours / ideal, plainP50, plainP99, oursP50, oursP99,
                    oursP50 - plainP50, oursMax, plainMax);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("concurrency", concurrency);
            row.put("idealTasksPerSecond", ideal);
            row.put("plainTasksPerSecond", plain);
            row.put("oursTasksPerSecond", ours);
            row.put("oursOverPlain", ours / plain);
            row.put("oursOverIdeal", ours / ideal);
            row.put("plainP50Millis", plainP50);
            row.put("plainP99Millis", plainP99);
            row.put("oursP50Millis", oursP50);
            row.put("oursP99Millis", oursP99);
            row.put("overheadP50Millis", oursP50 - plainP50);
            row.put("oursMaxInFlight", oursMax);
            row.put("plainMaxInFlight", plainMax);
            summary.add(row);
        }
        return summary;
    }

    private static Predicate<RunFigures> of(int concurrency, String mode, String worker) {
        return run -> run.concurrency() == concurrency && run.mode().equals(mode) && run.worker().equals(worker);
    }

    private static double mean(List<RunFigures> runs, int concurrency, String mode, String worker,
            java.util.function.ToDoubleFunction<RunFigures> figure) {
        return runs.stream().filter(of(concurrency, mode, worker)).mapToDouble(figure).average().orElse(Double.NaN);
    }

    private static int max(List<RunFigures> runs, int concurrency, String worker) {
        return runs.stream().filter(run -> run.concurrency() == concurrency && run.worker().equals(worker))
                .mapToInt(RunFigures::maxInFlight).max().orElse(0);
    }

    private void write(List<RunFigures> runs, List<Map<String, Object>> summary, List<JarProbe.Figures> starts,
            List<CpuFigures> cpu) throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("date", OffsetDateTime.now().toString());
        results.put("host", InetAddress.getLocalHost().getHostName());
        results.put("cpus", Runtime.getRuntime().availableProcessors());
        results.put("java", System.getProperty("java.version"));
        results.put("latencyMillis", latencyMillis);
        results.put("summary", summary);
        results.put("runs", runs);
        results.put("jar", starts);
        results.put("cpu", cpu);
        Files.createDirectories(RESULTS.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(RESULTS.toFile(), results);
        System.out.println("results: " + RESULTS);
    }
}
