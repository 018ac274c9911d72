package io.sfntaskbridge.ops.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sfntaskbridge.worker.QueueSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The sampled figures of one queue worker's work queue and DLQ, and their gauges ({@link QueueSampler}). */
final class QueueFigures {

    /** The figures of one queue, read by the gauges. */
    static final class Figures {
        volatile String url;
        volatile double visible = Double.NaN;
        volatile double notVisible = Double.NaN;
        volatile double oldestAgeSeconds = Double.NaN;
    }

    private final MeterRegistry registry;
    private final QueueSource queue;
    private final Figures work = new Figures();
    private final Figures dlq = new Figures();
    private final List<Meter> meters = new ArrayList<>();

    QueueFigures(MeterRegistry registry, String routeId, QueueSource queue) {
        this.registry = registry;
        this.queue = queue;
        work.url = queue.queueUrl();
        register(routeId, "work", work);
        register(routeId, "dlq", dlq);
    }

    private void register(String routeId, String kind, Figures figures) {
        meters.add(Gauge.builder(BridgeMetrics.PREFIX + "queue.messages", figures, f -> f.visible).tag("routeId", routeId)
                .tag("queue", kind).tag("state", "visible").description("ApproximateNumberOfMessages of the queue")
                .register(registry));
        meters.add(Gauge.builder(BridgeMetrics.PREFIX + "queue.messages", figures, f -> f.notVisible)
                .tag("routeId", routeId).tag("queue", kind).tag("state", "not_visible")
                .description("ApproximateNumberOfMessagesNotVisible (received, in flight)").register(registry));
        meters.add(Gauge.builder(BridgeMetrics.PREFIX + "queue.oldest.message.age", figures, f -> f.oldestAgeSeconds)
                .tag("routeId", routeId).tag("queue", kind).baseUnit("seconds")
                .description("Age of the oldest message as sampled (see the README: not CloudWatch's metric)")
                .register(registry));
    }

    /** Whether these are the figures of {@code source}. */
    boolean samples(QueueSource source) {
        return queue == source;
    }

    void sample(SqsClient client, long receivedAgeMillis, boolean dlqPeek) {
        depth(client, work);
        work.oldestAgeSeconds = receivedAgeMillis >= 0 ? receivedAgeMillis / 1000.0 : work.visible == 0 ? 0 : Double.NaN;
        dlq.url = queue.deadLetterQueueUrl().orElse(null);
        if (dlq.url != null) {
            depth(client, dlq);
            dlq.oldestAgeSeconds = dlq.visible == 0 ? 0 : dlqPeek ? peekAge(client, dlq) : Double.NaN;
        }
    }

    void unknown() {
        for (Figures figures : new Figures[] {work, dlq}) {
            figures.visible = Double.NaN;
            figures.notVisible = Double.NaN;
            figures.oldestAgeSeconds = Double.NaN;
        }
    }

    /** Removes the gauges (the worker's route is gone); returns true. */
    boolean remove() {
        meters.forEach(registry::remove);
        return true;
    }

    private static void depth(SqsClient client, Figures figures) {
        Map<QueueAttributeName, String> attributes = client.getQueueAttributes(r -> r.queueUrl(figures.url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        figures.visible = Double.parseDouble(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "NaN"));
        figures.notVisible = Double.parseDouble(attributes.getOrDefault(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "NaN"));
    }

    private static double peekAge(SqsClient client, Figures figures) {
        long now = System.currentTimeMillis();
        long oldest = -1;
        for (Message message : client.receiveMessage(r -> r.queueUrl(figures.url).maxNumberOfMessages(10)
                .visibilityTimeout(0).waitTimeSeconds(0)
                .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP)).messages()) {
            String sent = message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
            if (sent != null) {
                oldest = Math.max(oldest, now - Long.parseLong(sent));
            }
        }
        return oldest < 0 ? Double.NaN : oldest / 1000.0;
    }
}
