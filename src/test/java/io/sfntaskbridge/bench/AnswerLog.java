package io.sfntaskbridge.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** When each task of one run was enqueued and answered (System.nanoTime), and the figures derived from them. */
final class AnswerLog {

    private final Map<String, Long> enqueued = new ConcurrentHashMap<>();
    private final Map<String, Long> answered = new ConcurrentHashMap<>();
    private final Map<String, String> idsByToken = new ConcurrentHashMap<>();
    private final CountDownLatch allAnswered;

    AnswerLog(int tasks) {
        allAnswered = new CountDownLatch(tasks);
    }

    void enqueued(BenchTask task, long nanos) {
        idsByToken.put(BenchTask.tokenOf(task.envelope()), task.id());
        enqueued.put(task.id(), nanos);
    }

    /** SendTaskSuccess for this token returned (see {@link AnswerInterceptor}). */
    void answeredToken(String token) {
        String id = idsByToken.get(token);
        if (id != null && answered.putIfAbsent(id, System.nanoTime()) == null) {
            allAnswered.countDown();
        }
    }

    boolean await(long seconds) throws InterruptedException {
        return allAnswered.await(seconds, TimeUnit.SECONDS);
    }

    /** Tasks answered per second, from the first enqueue to the last answer. */
    double tasksPerSecond() {
        long first = enqueued.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = answered.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        return answered.size() / ((last - first) / 1e9);
    }

    /** Percentile (0-100) of enqueue-to-answer time in milliseconds. */
    double latencyMillis(double percentile) {
        double[] latencies = answered.entrySet().stream()
                .mapToDouble(e -> (e.getValue() - enqueued.get(e.getKey())) / 1e6).sorted().toArray();
        int index = (int) Math.ceil(percentile / 100 * latencies.length) - 1;
        return latencies[Math.max(0, Math.min(index, latencies.length - 1))];
    }
}
