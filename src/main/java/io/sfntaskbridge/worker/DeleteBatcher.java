package io.sfntaskbridge.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.sfntaskbridge.aws.AwsRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;

/**
 * Deletes settled messages in batches of up to 10 (DeleteMessageBatch): a batch goes as soon as it is full, or
 * {@code window} after its first message, so a delete waits at most that long and a busy worker makes one call for up
 * to 10 tasks. A message whose receipt is no longer valid was received again meanwhile and is left to that delivery;
 * any other entry that fails is deleted on its own, with retries. The task ledger writes the closes of these tasks
 * before their messages are deleted. A message whose delete is lost comes back after its visibility timeout and is
 * deleted then as already answered; nothing is redone.
 */
final class DeleteBatcher {

    private static final Logger LOG = LoggerFactory.getLogger(DeleteBatcher.class);
    static final int MAX_BATCH = 10;

    private final SqsClient sqs;
    private final AwsRetry retry;
    private final String queueUrl;
    private final Consumer<String> deleteOne;
    private final Runnable beforeDelete;
    private final List<String> pending = new ArrayList<>(MAX_BATCH);
    private ScheduledExecutorService scheduler;
    private long windowMillis;
    private int sending;

    /**
     * @param deleteOne    deletes one message by its receipt handle, with retries
     * @param beforeDelete runs before every delete: the ledger writes the closes of these tasks first; it never throws
     *                     (a close it cannot write stays deferred, and the messages are deleted all the same)
     */
    DeleteBatcher(SqsClient sqs, AwsRetry retry, String queueUrl, Consumer<String> deleteOne, Runnable beforeDelete) {
        this.sqs = sqs;
        this.retry = retry;
        this.queueUrl = queueUrl;
        this.deleteOne = deleteOne;
        this.beforeDelete = beforeDelete;
    }

    /** From now on deletes are batched, flushed on {@code scheduler}; before this, each is made at once. */
    synchronized void start(ScheduledExecutorService scheduler, long windowMillis) {
        this.scheduler = scheduler;
        this.windowMillis = windowMillis;
    }

    void delete(String receiptHandle) {
        List<String> full = null;
        synchronized (this) {
            if (scheduler == null) {
                full = List.of(receiptHandle);
                sending++;
            } else {
                pending.add(receiptHandle);
                if (pending.size() == 1) {
                    scheduler.schedule(this::flushWindow, windowMillis, TimeUnit.MILLISECONDS);
                } else if (pending.size() == MAX_BATCH) {
                    full = take();
                }
            }
        }
        if (full != null) {
            sendCounted(full);
        }
    }

    /** Sends what is pending now: the window ran out. */
    void flushWindow() {
        List<String> batch;
        synchronized (this) {
            batch = take();
        }
        if (!batch.isEmpty()) {
            sendCounted(batch);
        }
    }

    /**
     * Sends what is pending and waits for the deletes under way (the worker stops: its threads are shut down next,
     * which would cut a delete off and leave its messages to come back).
     */
    void flush() throws InterruptedException {
        flushWindow();
        synchronized (this) {
            while (sending > 0) {
                wait();
            }
        }
    }

    private List<String> take() {
        List<String> batch = List.copyOf(pending);
        pending.clear();
        if (!batch.isEmpty()) {
            sending++;
        }
        return batch;
    }

    private void sendCounted(List<String> receipts) {
        try {
            send(receipts);
        } finally {
            synchronized (this) {
                sending--;
                notifyAll();
            }
        }
    }

    private void send(List<String> receipts) {
        beforeDelete.run();
        if (receipts.size() == 1) {
            deleteOne.accept(receipts.get(0));
            return;
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(receipts.size());
        for (int i = 0; i < receipts.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i)).receiptHandle(receipts.get(i))
                    .build());
        }
        DeleteMessageBatchResponse response;
        try {
            response = retry.call("SQS DeleteMessageBatch",
                    () -> sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries)));
        } catch (RuntimeException e) {
            // Logged once per outage by the retry; the messages come back and are deleted as answered then.
            LOG.debug("Delete of {} messages failed: {}", receipts.size(), e.getMessage());
            return;
        }
        for (BatchResultErrorEntry failed : response.failed()) {
            if ("ReceiptHandleIsInvalid".equals(failed.code())) {
                LOG.debug("Message already gone or received again; not deleted: {}", failed.message());
            } else {
                deleteOne.accept(receipts.get(Integer.parseInt(failed.id())));
            }
        }
    }
}
