package io.sfntaskbridge.ops.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sfntaskbridge.component.FaultLog;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Samples the work queue and its DLQ every {@code every} on a scheduler of Camel's executor manager (started and
 * stopped with the context): depth from GetQueueAttributes, and an age of the oldest message. SQS has no attribute for
 * that age (CloudWatch's ApproximateAgeOfOldestMessage is not in the SQS API), so ours is defined as:
 * <ul>
 * <li>work queue: the longest queue wait (receipt minus SentTimestamp) among the messages this instance received in the
 * last window; 0 when it received none and the queue had no visible message; NaN (unknown) when it received none
 * although messages were visible (all permits busy, or receiving fails);</li>
 * <li>DLQ: the largest now minus SentTimestamp among up to 10 messages peeked with a visibility timeout of 0 (a lower
 * bound of the oldest's age; SentTimestamp is when the message was first sent for a redrive by SQS, when it was moved
 * for a move by the worker). Peeking counts as a receive of those DLQ messages. 0 when the DLQ is empty, NaN when the
 * peek is off ({@code dlqPeek=false}).</li>
 * </ul>
 * A failed sample sets that queue's gauges to NaN and is logged once per outage.
 */
public final class QueueSampler extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(QueueSampler.class);
    private static final String SAMPLING = "SQS queue sampling";

    /** The figures of one queue, read by the gauges. */
    static final class Figures {
        final String name;
        volatile double visible = Double.NaN;
        volatile double notVisible = Double.NaN;
        volatile double oldestAgeSeconds = Double.NaN;
        String url;

        Figures(String name) {
            this.name = name;
        }
    }

    private final CamelContext camelContext;
    private final Supplier<SqsClient> sqs;
    private final BridgeMetrics metrics;
    private final Duration every;
    private final boolean dlqPeek;
    private final Figures work;
    private final Figures dlq;
    private final FaultLog faults = new FaultLog(LOG);
    private ScheduledExecutorService scheduler;

    public QueueSampler(CamelContext camelContext, Supplier<SqsClient> sqs, BridgeMetrics metrics, String workQueue,
                        String dlqName, Duration every, boolean dlqPeek) {
        this.camelContext = camelContext;
        this.sqs = sqs;
        this.metrics = metrics;
        this.every = every;
        this.dlqPeek = dlqPeek;
        this.work = new Figures(workQueue);
        this.dlq = dlqName == null || dlqName.isBlank() ? null : new Figures(dlqName.strip());
        register(metrics.registry(), "work", work);
        if (dlq != null) {
            register(metrics.registry(), "dlq", dlq);
        }
    }

    private static void register(MeterRegistry registry, String queue, Figures figures) {
        Gauge.builder(BridgeMetrics.PREFIX + "queue.messages", figures, f -> f.visible).tag("queue", queue)
                .tag("state", "visible").description("ApproximateNumberOfMessages of the queue").register(registry);
        Gauge.builder(BridgeMetrics.PREFIX + "queue.messages", figures, f -> f.notVisible).tag("queue", queue)
                .tag("state", "not_visible").description("ApproximateNumberOfMessagesNotVisible (received, in flight)")
                .register(registry);
        Gauge.builder(BridgeMetrics.PREFIX + "queue.oldest.message.age", figures, f -> f.oldestAgeSeconds)
                .tag("queue", queue).baseUnit("seconds")
                .description("Age of the oldest message as sampled (see the README: not CloudWatch's metric)")
                .register(registry);
    }

    @Override
    protected void doStart() {
        scheduler = camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "QueueSampler");
        scheduler.scheduleWithFixedDelay(this::sample, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (scheduler != null) {
            camelContext.getExecutorServiceManager().shutdownNow(scheduler);
            scheduler = null;
        }
    }

    void sample() {
        long receivedAge = metrics.takeReceivedAgeWindowMillis();
        SqsClient client = sqs.get();
        if (client == null) {
            return;
        }
        try {
            depth(client, work);
            work.oldestAgeSeconds = receivedAge >= 0 ? receivedAge / 1000.0 : work.visible == 0 ? 0 : Double.NaN;
            if (dlq != null) {
                depth(client, dlq);
                dlq.oldestAgeSeconds = dlq.visible == 0 ? 0 : dlqPeek ? peekAge(client, dlq) : Double.NaN;
            }
            faults.succeeded(SAMPLING);
        } catch (RuntimeException e) {
            for (Figures figures : dlq == null ? new Figures[] {work} : new Figures[] {work, dlq}) {
                figures.visible = Double.NaN;
                figures.notVisible = Double.NaN;
                figures.oldestAgeSeconds = Double.NaN;
            }
            faults.failed(SAMPLING, e);
        }
    }

    private static void depth(SqsClient client, Figures figures) {
        if (figures.url == null) {
            figures.url = client.getQueueUrl(r -> r.queueName(figures.name)).queueUrl();
        }
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
