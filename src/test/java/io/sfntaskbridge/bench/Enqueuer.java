package io.sfntaskbridge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** Puts tasks on the work queue and notes each one's enqueue time: all at once, or paced at a fixed rate. */
final class Enqueuer {

    interface EnqueueTimes {
        void enqueued(BenchTask task, long nanos);
    }

    private Enqueuer() {
    }

    /** As fast as SQS takes them: batches of 10 from 4 threads. */
    static void sendAll(SqsClient sqs, String queueUrl, List<BenchTask> tasks, EnqueueTimes times) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int from = 0; from < tasks.size(); from += 10) {
                List<BenchTask> batch = tasks.subList(from, Math.min(from + 10, tasks.size()));
                sent.add(senders.submit(() -> {
                    long now = System.nanoTime();
                    batch.forEach(task -> times.enqueued(task, now));
                    sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(batch.stream()
                            .map(task -> SendMessageBatchRequestEntry.builder().id(task.id())
                                    .messageBody(task.envelope()).build()).toList()));
                }));
            }
            for (Future<?> batch : sent) {
                batch.get();
            }
        } finally {
            senders.shutdownNow();
        }
    }

    /** One message every {@code 1/perSecond} s, so the worker is never behind and latency is the worker's own. */
    static void sendPaced(SqsClient sqs, String queueUrl, List<BenchTask> tasks, double perSecond, EnqueueTimes times) {
        long interval = (long) (1e9 / perSecond);
        long next = System.nanoTime();
        for (BenchTask task : tasks) {
            LockSupport.parkNanos(next - System.nanoTime());
            times.enqueued(task, System.nanoTime());
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(task.envelope()));
            next += interval;
        }
    }
}
