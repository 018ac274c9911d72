package io.sfntaskbridge.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.sfntaskbridge.testsupport.LocalStack;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The shipped jar as an operator starts it ({@code java -jar target/sfn-task-bridge.jar}, default config and routes,
 * only endpoint and queue name from the environment): time from process start to Camel's "started" line, and the
 * process's resident memory (VmRSS) idle and while it answers a batch of tasks.
 */
final class JarProbe {

    /**
     * @param startToReadySeconds   process start to camel-main's "started in" line
     * @param startToHealthSeconds  process start to the first UP from {@code /observe/health/ready} (polled every 10
     *                              ms from this JVM; NaN when it never answered)
     */
    record Figures(double startToReadySeconds, long idleRssKb, long loadedRssKb, double startToHealthSeconds) {
    }

    /** The operator's command: {@code java -jar target/sfn-task-bridge.jar}. */
    static final List<String> JAR_COMMAND = List.of("-jar", "target/sfn-task-bridge.jar");

    private static final Path JAR = Path.of("target/sfn-task-bridge.jar");

    private final URI endpoint;
    private final SqsClient sqs;

    private final List<String> command;

    JarProbe(URI endpoint, SqsClient sqs) {
        this(endpoint, sqs, JAR_COMMAND);
    }

    /** {@code java <arguments>}: JVM flags and what to run, e.g. the image's flags and {@code -cp ... BridgeMain}. */
    JarProbe(URI endpoint, SqsClient sqs, List<String> arguments) {
        this.endpoint = endpoint;
        this.sqs = sqs;
        this.command = new ArrayList<>(List.of("java"));
        this.command.addAll(arguments);
    }

    /** Starts the jar, measures, and stops it; loads it with {@code tasks} when there are any. */
    Figures measure(List<BenchTask> tasks) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            // every launch (java -jar, or -cp with the image's main class) runs from the shaded jar
            throw new IllegalStateException(JAR + " is missing; build it with mvn package");
        }
        String queueName = LocalStack.uniqueName("bench-jar");
        String queueUrl = sqs.createQueue(r -> r.queueName(queueName)).queueUrl();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        int managementPort = freePort();
        env.put("BRIDGE_MANAGEMENT_PORT", Integer.toString(managementPort));
        env.put("BRIDGE_AWS_ENDPOINT", endpoint.toString());
        env.put("BRIDGE_AWS_REGION", LocalStack.REGION);
        env.put("BRIDGE_WORKER_QUEUE_NAME", queueName);
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        long launched = System.nanoTime();
        Process process = builder.start();
        try {
            CompletableFuture<Long> ready = new CompletableFuture<>();
            Thread reader = new Thread(() -> readUntilReady(process, ready), "jar-output");
            reader.setDaemon(true);
            reader.start();
            CompletableFuture<Long> healthy = CompletableFuture.supplyAsync(() -> awaitReady(process, managementPort));
            double startToReady = (ready.get(60, TimeUnit.SECONDS) - launched) / 1e9;
            long healthyAt = healthy.get(60, TimeUnit.SECONDS);
            double startToHealth = healthyAt < 0 ? Double.NaN : (healthyAt - launched) / 1e9;
            Thread.sleep(5_000);
            long idleRss = rssKb(process.pid());
            long loadedRss = tasks.isEmpty() ? 0 : rssUnderLoad(process.pid(), queueUrl, tasks);
            return new Figures(startToReady, idleRss, loadedRss, startToHealth);
        } finally {
            process.destroy();
            process.waitFor(40, TimeUnit.SECONDS);
            sqs.deleteQueue(r -> r.queueUrl(queueUrl));
        }
    }

    /** Polls GET /observe/health/ready every 10 ms until it answers 200 with UP; nanoTime of that answer, or -1. */
    private static long awaitReady(Process process, int port) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("UP")) {
                    return System.nanoTime();
                }
            } catch (Exception e) {
                // not listening yet
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return -1;
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void readUntilReady(Process process, CompletableFuture<Long> ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            String line;
            while ((line = lines.readLine()) != null) {
                // camel-main's "Apache Camel 4.17.0 (sfn-task-bridge) started in ..." once every route runs.
                if (!ready.isDone() && line.contains(") started in ")) {
                    ready.complete(System.nanoTime());
                }
            }
            ready.completeExceptionally(new IllegalStateException("the jar exited before it was ready"));
        } catch (Exception e) {
            ready.completeExceptionally(e);
        }
    }

    private long rssUnderLoad(long pid, String queueUrl, List<BenchTask> tasks) throws Exception {
        Enqueuer.sendAll(sqs, queueUrl, tasks, (task, nanos) -> {
        });
        long maxRss = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (pendingMessages(queueUrl) > 0 && System.nanoTime() < deadline) {
            maxRss = Math.max(maxRss, rssKb(pid));
            Thread.sleep(100);
        }
        return Math.max(maxRss, rssKb(pid));
    }

    private int pendingMessages(String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    static long rssKb(long pid) throws Exception {
        List<String> status = new ArrayList<>(Files.readAllLines(Path.of("/proc/" + pid + "/status")));
        return status.stream().filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", ""))
                .mapToLong(Long::parseLong).findFirst().orElseThrow();
    }
}
