package io.sfntaskbridge.task;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TaskLedger in memory for component tests: records what the worker and producers asked in which order, and can be put into
 * any state a real ledger reaches. The JDBC ledger itself is tested against H2 and PostgreSQL.
 */
public final class MemoryTaskLedger implements TaskLedger {

    public final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    public final Map<String, TaskAnswer> stored = new ConcurrentHashMap<>();
    public final Map<String, SfnTaskOutcome> closed = new ConcurrentHashMap<>();
    private final AtomicInteger claims = new AtomicInteger();
    private volatile TaskClaim.Status nextStatus = TaskClaim.Status.CLAIMED;
    private volatile TaskAnswer answerToReport;
    private volatile boolean claimLost;
    private volatile RuntimeException failure;

    public void nextClaim(TaskClaim.Status status, TaskAnswer storedAnswer) {
        nextStatus = status;
        answerToReport = storedAnswer;
    }

    public void loseClaims() {
        claimLost = true;
    }

    public void failWith(RuntimeException failure) {
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
        // Fenced as the real ledger is: an answer stored (or a claim lost) leaves the claim unable to store another
        if (claimLost || stored.containsKey(claim.tokenHash())) {
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

    @Override
    public java.time.Duration lease() {
        return java.time.Duration.ofSeconds(30);
    }
}
