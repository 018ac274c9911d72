package io.sfntaskbridge.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.sfntaskbridge.aws.AwsRetry;
import io.sfntaskbridge.task.FaultLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Batched deletes: full batches at once, the rest after the window, failed entries alone, and a flush that waits. */
class DeleteBatcherTest {

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<String> deletedOneByOne = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final FakeSqs sqs = new FakeSqs();
    private final DeleteBatcher batcher = new DeleteBatcher(sqs, new AwsRetry(1, Duration.ofMillis(1),
            Duration.ofMillis(1), new FaultLog(LoggerFactory.getLogger(DeleteBatcherTest.class))), "queue",
            deletedOneByOne::add, () -> log.add("ledger flush"));

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void aFullBatchGoesAtOnceAfterTheLedgerFlush() {
        batcher.start(scheduler, 60_000);
        for (int i = 0; i < DeleteBatcher.MAX_BATCH; i++) {
            batcher.delete("r" + i);
        }
        assertThat(log).containsExactly("ledger flush", "batch r0,r1,r2,r3,r4,r5,r6,r7,r8,r9");
    }

    @Test
    void aPartBatchGoesWhenTheWindowRunsOut() {
        batcher.start(scheduler, 50);
        batcher.delete("r0");
        batcher.delete("r1");
        assertThat(log).isEmpty();
        await().atMost(Duration.ofSeconds(2)).until(() -> log.size() == 2);
        assertThat(log).containsExactly("ledger flush", "batch r0,r1");
    }

    @Test
    void anInvalidReceiptIsLeftAloneAndAnyOtherFailedEntryIsDeletedOnItsOwn() throws InterruptedException {
        sqs.failEntries = List.of(BatchResultErrorEntry.builder().id("0").code("ReceiptHandleIsInvalid").build(),
                BatchResultErrorEntry.builder().id("2").code("InternalError").senderFault(false).build());
        batcher.start(scheduler, 60_000);
        batcher.delete("r0");
        batcher.delete("r1");
        batcher.delete("r2");
        batcher.flush();
        assertThat(deletedOneByOne).containsExactly("r2");
    }

    @Test
    void beforeTheStartEachDeleteIsMadeAtOnce() {
        batcher.delete("r0");
        assertThat(deletedOneByOne).containsExactly("r0");
        assertThat(log).containsExactly("ledger flush");
    }

    @Test
    void flushWaitsForADeleteUnderWay() throws Exception {
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        sqs.during = request -> {
            inCall.countDown();
            waitFor(release);
        };
        batcher.start(scheduler, 10);
        batcher.delete("r0");
        batcher.delete("r1");
        assertThat(inCall.await(2, TimeUnit.SECONDS)).as("the window's delete started").isTrue();

        CompletableFuture<Void> flush = CompletableFuture.runAsync(() -> {
            try {
                batcher.flush();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(flush).as("flush returned while the delete was under way").isNotDone();
        release.countDown();
        flush.get(2, TimeUnit.SECONDS);
        assertThat(log).containsExactly("ledger flush", "batch r0,r1");
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class FakeSqs implements SqsClient {
        volatile List<BatchResultErrorEntry> failEntries = List.of();
        volatile Consumer<DeleteMessageBatchRequest> during = request -> { };

        @Override
        public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
            during.accept(request);
            log.add("batch " + String.join(",", request.entries().stream()
                    .map(DeleteMessageBatchRequestEntry::receiptHandle).toList()));
            return DeleteMessageBatchResponse.builder().failed(failEntries).build();
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {
        }
    }
}
