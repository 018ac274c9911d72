package io.sfntaskbridge.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a fragile enterprise system, on 127.0.0.1 (ephemeral port), that counts what it is asked to do.
 * <p>
 * {@code POST /work} with a JSON object such as {@code {"taskId": "t-17", "sleepMs": 3000}} counts a started call for
 * that task, works for {@code sleepMs} (else the backend's default), answers 200 with
 * {@code {"taskId": "t-17", "call": n, "result": "done"}} (n: the how-manieth call for that task), and then counts the
 * call as completed. Started and completed are counted apart, so a call cut off mid-way shows as started only: when the
 * backend is closed while calls sleep, or when writing the reply fails. A reply lost in transit after it was written
 * (a proxy that drops the connection) may still count as completed, as it would for a real system that did the work.
 * Up to {@value #THREADS} calls run at once.
 */
public final class CountingBackend implements AutoCloseable {

    static final int THREADS = 40;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads;
    private final Map<String, AtomicInteger> started = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> completed = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private volatile long defaultSleepMs;

    private CountingBackend(long defaultSleepMs) throws IOException {
        this.defaultSleepMs = defaultSleepMs;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        threads = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "counting-backend");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/work", this::handle);
        server.start();
    }

    /** A started backend that answers at once unless a call asks for {@code sleepMs}. */
    public static CountingBackend start() {
        return start(0);
    }

    /** A started backend whose calls without {@code sleepMs} take {@code defaultSleepMs}. */
    public static CountingBackend start(long defaultSleepMs) {
        try {
            return new CountingBackend(defaultSleepMs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the counting backend", e);
        }
    }

    /** Changes how long calls without {@code sleepMs} take, from the next call on. */
    public CountingBackend defaultSleepMs(long millis) {
        this.defaultSleepMs = millis;
        return this;
    }

    /** {@code http://127.0.0.1:<port>}, without a path; the endpoint is {@code url() + "/work"}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Calls started for the task, including ones that never completed. */
    public int callsFor(String taskId) {
        AtomicInteger count = started.get(taskId);
        return count == null ? 0 : count.get();
    }

    /** Calls for the task that ran to the end and whose reply was written. */
    public int completedFor(String taskId) {
        AtomicInteger count = completed.get(taskId);
        return count == null ? 0 : count.get();
    }

    /** Calls started for all tasks. */
    public int totalCalls() {
        return total.get();
    }

    /** Tasks with more than one started call: work the system was asked to do twice. */
    public Set<String> taskIdsCalledMoreThanOnce() {
        Set<String> ids = new TreeSet<>();
        started.forEach((id, count) -> {
            if (count.get() > 1) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** The most calls that were in progress at the same time. */
    public int maxConcurrent() {
        return maxConcurrent.get();
    }

    /**
     * Starts a new observation window for {@link #maxConcurrent()}: from now on it is the most calls at once since
     * this call (at least the calls in progress now).
     *
     * @return the most calls at once before this call
     */
    public int resetMaxConcurrent() {
        return maxConcurrent.getAndSet(inFlight.get());
    }

    /** Calls in progress now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The tasks with a call in progress now. */
    public Set<String> inFlightTaskIds() {
        Set<String> ids = new TreeSet<>();
        running.forEach((id, count) -> {
            if (count.get() > 0) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** Stops at once; calls still sleeping are interrupted and never count as completed. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod()) || !"/work".equals(exchange.getRequestURI().getPath())) {
                reply(exchange, 404, Map.of("error", "only POST /work"));
                return;
            }
            Map<?, ?> request;
            try (InputStream body = exchange.getRequestBody()) {
                request = JSON.readValue(body, Map.class);
            } catch (IOException e) {
                reply(exchange, 400, Map.of("error", "body is not a JSON object: " + e.getMessage()));
                return;
            }
            Object taskId = request.get("taskId");
            if (taskId == null) {
                reply(exchange, 400, Map.of("error", "taskId missing"));
                return;
            }
            String id = taskId.toString();
            long sleepMs = request.get("sleepMs") instanceof Number n ? n.longValue() : defaultSleepMs;
            int call = started.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            total.incrementAndGet();
            maxConcurrent.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            running.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            try {
                if (sleepMs > 0) {
                    Thread.sleep(sleepMs);
                }
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("taskId", id);
                answer.put("call", call);
                answer.put("result", "done");
                reply(exchange, 200, answer);
                completed.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.get(id).decrementAndGet();
                inFlight.decrementAndGet();
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
