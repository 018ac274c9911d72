package io.sfntaskbridge.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The baseline: what a developer writes without Camel. N threads, each: receive one message (long poll), the
 * simulated backend (sleep L), SendTaskSuccess, delete. Same SDK, same HTTP client, same pool size as the runtime.
 */
final class PlainSdkWorker implements BenchWorker {

    private final SqsClient sqs;
    private final SfnClient sfn;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();

    PlainSdkWorker(URI endpoint, Region region) {
        sqs = SqsClient.builder().region(region).endpointOverride(endpoint)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64)).build();
        sfn = SfnClient.builder().region(region).endpointOverride(endpoint)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64)).build();
    }

    @Override
    public String name() {
        return "plain";
    }

    @Override
    public void start(String queueName, int concurrency, int latencyMillis) {
        String queueUrl = sqs.getQueueUrl(r -> r.queueName(queueName)).queueUrl();
        running.set(true);
        maxInFlight.set(0);
        for (int i = 0; i < concurrency; i++) {
            Thread thread = new Thread(() -> work(queueUrl, latencyMillis), "plain-worker-" + i);
            threads.add(thread);
            thread.start();
        }
    }

    private void work(String queueUrl, int latencyMillis) {
        while (running.get()) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(1)
                    .waitTimeSeconds(1).visibilityTimeout(60)).messages();
            for (Message message : messages) {
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(latencyMillis);
                    BenchTask task = BenchTask.of(message.body());
                    sfn.sendTaskSuccess(r -> r.taskToken(BenchTask.tokenOf(message.body()))
                            .output("{\"id\": \"" + task.id() + "\"}"));
                    sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        }
    }

    @Override
    public int maxInFlight() {
        return maxInFlight.get();
    }

    @Override
    public void close() throws Exception {
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        threads.clear();
    }
}
