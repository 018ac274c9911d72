package io.sfntaskbridge.provision;

import java.util.List;

/**
 * What one provisioning run found and did.
 *
 * @param deadLetterQueue its id is the queue ARN, which the work queue's redrive policy names
 * @param workQueue       its id is the queue URL, which the state machine sends to
 * @param stateMachine    its id is the state machine ARN, which starters need
 */
public record ProvisionSummary(Resource deadLetterQueue, Resource workQueue, Resource stateMachine) {

    public enum Action { CREATED, UPDATED }

    /** @param id URL or ARN, whichever the rest of the system refers to it by */
    public record Resource(String name, String id, Action action) {
    }

    public String workQueueUrl() {
        return workQueue.id();
    }

    public String deadLetterQueueArn() {
        return deadLetterQueue.id();
    }

    public String stateMachineArn() {
        return stateMachine.id();
    }

    /** One line per resource, aligned for a terminal or a log. */
    public List<String> lines() {
        return List.of(line("dead-letter queue", deadLetterQueue), line("work queue", workQueue),
                line("state machine", stateMachine));
    }

    private static String line(String kind, Resource resource) {
        return String.format("%-17s %-7s %s  %s", kind, resource.action().name().toLowerCase(), resource.name(),
                resource.id());
    }
}
