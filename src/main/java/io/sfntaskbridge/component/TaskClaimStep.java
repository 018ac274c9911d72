package io.sfntaskbridge.component;

import java.time.Instant;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code claim} action: asks the ledger whether this delivery may do the work. When it may not, the delivery is
 * settled here and the route stops, so the backend is never called for it:
 * <ul>
 * <li>held elsewhere under a live lease: outcome {@link SfnTaskOutcome#HELD_ELSEWHERE} (the message goes back until
 * the lease ends);</li>
 * <li>answer stored: that answer is sent again, outcome {@link SfnTaskOutcome#RESENT};</li>
 * <li>closed: outcome {@link SfnTaskOutcome#ALREADY_CLOSED} (the message is deleted).</li>
 * </ul>
 */
final class TaskClaimStep {

    private static final Logger LOG = LoggerFactory.getLogger(TaskClaimStep.class);

    private static final String LEDGER = "Task ledger";

    private final TaskLedger ledger;
    private final TaskAnswerSender sender;
    private final FaultLog faults = new FaultLog(LOG);
    private final TaskEvents events;

    TaskClaimStep(TaskLedger ledger, TaskAnswerSender sender, TaskEvents events) {
        this.ledger = ledger;
        this.sender = sender;
        this.events = events;
    }

    void claim(Exchange exchange, String token) {
        TaskClaim claim;
        try {
            claim = ledger.claim(token);
            faults.succeeded(LEDGER);
        } catch (TaskLedgerException e) {
            faults.failed(LEDGER, e);
            throw e;
        }
        exchange.setProperty(SfnTaskConstants.CLAIM, claim);
        events.taskClaimed(claim.status());
        if (claim.owned()) {
            exchange.setProperty(SfnTaskConstants.CLAIMED_AT, System.nanoTime());
        }
        String task = TaskTokens.fingerprintOfHash(claim.tokenHash());
        switch (claim.status()) {
            case CLAIMED -> LOG.trace("Claimed {}", task);
            case TAKEN_OVER -> LOG.info("Taking over {}: the lease of its earlier claim ran out", task);
            case HELD_ELSEWHERE -> {
                LOG.info("Duplicate delivery of {}: another delivery works on it until {}; this one goes back to the"
                         + " queue", task, Instant.ofEpochMilli(claim.leaseUntil()));
                stop(exchange, SfnTaskOutcome.HELD_ELSEWHERE, TaskEvents.NO_ERROR);
            }
            case ANSWER_STORED -> {
                SfnTaskOutcome sent = sender.send(token, claim.storedAnswer(), SfnTaskOutcome.RESENT);
                LOG.info("Repeated delivery of {}: sent its stored {} answer again instead of redoing the work ({})",
                        task, claim.storedAnswer().kind(), sent);
                stop(exchange, sent, claim.storedAnswer().errorName());
            }
            case CLOSED -> {
                if (sender.stillOpen(token)) {
                    TaskClaim again = ledger.reopen(token);
                    exchange.setProperty(SfnTaskConstants.CLAIM, again);
                    LOG.info("{} came back after it was answered, and Step Functions takes answers for it again (its"
                             + " Task state is retried with the same token): working on it again", task);
                    if (again.owned()) {
                        exchange.setProperty(SfnTaskConstants.CLAIMED_AT, System.nanoTime());
                    } else {
                        stop(exchange, SfnTaskOutcome.HELD_ELSEWHERE, TaskEvents.NO_ERROR);
                    }
                } else {
                    LOG.info("Repeated delivery of {}: it is already answered; deleting the message", task);
                    stop(exchange, SfnTaskOutcome.ALREADY_CLOSED, TaskEvents.NO_ERROR);
                }
            }
        }
    }

    private void stop(Exchange exchange, SfnTaskOutcome outcome, String error) {
        exchange.getMessage().setHeader(SfnTaskConstants.OUTCOME, outcome);
        events.taskAnswered(outcome, error, SfnTaskProducer.sentTimestamp(exchange), TaskEvents.UNKNOWN);
        exchange.setRouteStop(true);
    }
}
