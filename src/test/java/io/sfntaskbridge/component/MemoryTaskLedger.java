package io.sfntaskbridge.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TaskLedger in memory for component tests: records what the producer asked in which order, and can be put into
 * any state a real ledger reaches. The JDBC ledger itself is tested against H2 and PostgreSQL.
 */
final class MemoryTaskLedger implements TaskLedger {

    final List<String> calls = new ArrayList<>();
    final Map<String, TaskAnswer> stored = new ConcurrentHashMap<>();
    final Map<String, SfnTaskOutcome> closed = new ConcurrentHashMap<>();
    private final AtomicInteger claims = new AtomicInteger();
    private volatile TaskClaim.Status nextStatus = TaskClaim.Status.CLAIMED;
    private volatile TaskAnswer answerToReport;
    private volatile boolean claimLost;
    private volatile RuntimeException failure;

    void nextClaim(TaskClaim.Status status, TaskAnswer storedAnswer) {
        nextStatus = status;
        answerToReport = storedAnswer;
    }

    void loseClaims() {
        claimLost = true;
    }

    void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    @Override
    public synchronized TaskClaim claim(String token) {
        calls.add("claim");
        if (failure != null) {
            throw failure;
        }
        String hash = TaskTokens.hash(token);
        return new TaskClaim(hash, nextStatus, "claim-" + claims.incrementAndGet(),
                System.currentTimeMillis() + 30_000, answerToReport);
    }

    @Override
    public synchronized boolean renew(TaskClaim claim) {
        calls.add("renew");
        return !claimLost;
    }

    @Override
    public synchronized boolean storeAnswer(TaskClaim claim, TaskAnswer answer) {
        calls.add("store " + answer.kind());
        if (claimLost) {
            return false;
        }
        stored.put(claim.tokenHash(), answer);
        return true;
    }

    @Override
    public synchronized void close(String tokenHash, SfnTaskOutcome outcome) {
        calls.add("close " + outcome);
        closed.put(tokenHash, outcome);
    }

    @Override
    public synchronized TaskClaim reopen(String token) {
        calls.add("reopen");
        return new TaskClaim(TaskTokens.hash(token), TaskClaim.Status.CLAIMED, "claim-" + claims.incrementAndGet(),
                System.currentTimeMillis() + 30_000, null);
    }

    @Override
    public synchronized void release(TaskClaim claim) {
        calls.add("release");
    }
}
