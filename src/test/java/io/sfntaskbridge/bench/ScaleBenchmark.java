package io.sfntaskbridge.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.sfntaskbridge.testsupport.LocalStack;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code bench/run.sh scale}: tasks/s with 1, 2 and 3 instances of our runtime on one work queue, each instance a JVM
 * of its own ({@link WorkerProcess}) with N = {@code bench.scale.concurrency} (4) and the simulated backend of
 * {@code bench.latency-millis} (50), sharing one task ledger on PostgreSQL ({@code bench.scale.ledger-url}, the
 * database of scripts/postgres.sh; a fresh table per run) and each on a free management port. Per run,
 * {@code bench.scale.tasks} (300) tasks are enqueued at once; tasks/s = tasks / (first enqueue to the last
 * SendTaskSuccess of any instance). The plain SDK worker is run the same way ({@code bench.scale.workers}), as the
 * reference for what the emulator can take: its instances need no ledger.
 */
public final class ScaleBenchmark {

    public static void main(String[] args) throws Exception {
        int[] instances = Arrays.stream(System.getProperty("bench.scale.instances", "1,2,3").split(","))
                .mapToInt(Integer::parseInt).toArray();
        List<String> workers = List.of(System.getProperty("bench.scale.workers", "ours,plain").split(","));
        int concurrency = Integer.getInteger("bench.scale.concurrency", 4);
        int latencyMillis = Integer.getInteger("bench.latency-millis", 50);
        int tasks = Integer.getInteger("bench.scale.tasks", 300);
        int rounds = Integer.getInteger("bench.scale.rounds", 1);
        String ledgerUrl = System.getProperty("bench.scale.ledger-url",
                "jdbc:postgresql://127.0.0.1:55432/bridge?user=bridge");
        SqsClient sqs = LocalStack.sqs();
        TaskSupply supply = new TaskSupply(sqs, LocalStack.sfn());
        System.out.printf("scale-out: N = %d per instance, L = %d ms, %d tasks enqueued at once; ours share the ledger %s%n",
                concurrency, latencyMillis, tasks, ledgerUrl);
        List<String> lines = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (int count : instances) {
                for (String worker : workers) {
                    List<BenchTask> batch = supply.take(tasks);
                    String queueName = LocalStack.uniqueName("bench-work");
                    String queueUrl = sqs.createQueue(r -> r.queueName(queueName)).queueUrl();
                    String table = "bench_scale_" + UUID.randomUUID().toString().substring(0, 8);
                    Map<String, String> overrides = worker.equals("ours") ? Map.of("bridge.ledger.url", ledgerUrl,
                            "bridge.ledger.table", table, "bridge.management.port", "0") : Map.of();
                    List<WorkerProcess> processes = new ArrayList<>();
                    try {
                        for (int i = 1; i <= count; i++) {
                            processes.add(new WorkerProcess(worker, queueName, concurrency, latencyMillis, List.of(),
                                    overrides, Path.of("target/bench-logs/scale-" + worker + "-" + count + "-" + i + ".log")));
                        }
                        Thread.sleep(1_500);
                        for (WorkerProcess process : processes) {
                            process.mark();
                        }
                        String loadBefore = CpuBenchmark.load();
                        long start = System.nanoTime();
                        Enqueuer.sendAll(sqs, queueUrl, batch, (task, nanos) -> {
                        });
                        long deadline = start + 300_000_000_000L;
                        long answered = 0;
                        long last = 0;
                        long[] perInstance = new long[count];
                        while (System.nanoTime() < deadline) {
                            answered = 0;
                            for (int i = 0; i < count; i++) {
                                long[] c = processes.get(i).count();
                                perInstance[i] = c[0];
                                answered += c[0];
                                last = Math.max(last, c[1]);
                            }
                            if (answered >= tasks) {
                                break;
                            }
                            Thread.sleep(200);
                        }
                        String line = String.format("scale %-5s x%d  round %d  %4d tasks  %5.1f tasks/s  (ideal %d x %.0f ="
                                                    + " %.0f/s)  SendTaskSuccess per instance %s  load %s -> %s",
                                worker, count, round, answered, answered / ((last - start) / 1e9), count,
                                concurrency * 1000.0 / latencyMillis, count * concurrency * 1000.0 / latencyMillis,
                                Arrays.toString(perInstance), loadBefore, CpuBenchmark.load());
                        System.out.println(line);
                        lines.add(line);
                    } finally {
                        for (WorkerProcess process : processes) {
                            process.close();
                        }
                        sqs.deleteQueue(r -> r.queueUrl(queueUrl));
                    }
                }
            }
        }
        System.exit(0);
    }
}
