package io.sfntaskbridge.provision;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one provisioning run found and did.
 *
 * @param deadLetterQueue      its id is the queue ARN, which the work queue's redrive policy names
 * @param workQueue            its id is the queue URL, which the state machine sends to
 * @param stateMachine         its id is the state machine ARN, which starters need
 * @param activity             its id is the activity ARN, which the activity sample's Task state names; empty when
 *                             the activity sample is not provisioned
 * @param activityStateMachine the activity sample's state machine, its id the ARN; empty exactly when
 *                             {@code activity} is
 * @param s3Sample             the payload bucket and the S3 sample; empty when they are not provisioned
 */
public record ProvisionSummary(Resource deadLetterQueue, Resource workQueue, Resource stateMachine,
                               Optional<Resource> activity, Optional<Resource> activityStateMachine,
                               Optional<S3SampleResources> s3Sample) {

    /** UPDATED: found by name; whatever provisioning owns of it was set again (for some, nothing). */
    public enum Action { CREATED, UPDATED }

    /** @param id URL or ARN, whichever the rest of the system refers to it by */
    public record Resource(String name, String id, Action action) {
    }

    /**
     * @param bucket       the payload bucket, its id {@code s3://<bucket>}
     * @param expiryRule   its lifecycle rule, named by rule ID; the id says what it expires
     * @param sampleItems  the sample orders, named by key; UPDATED when an object was there (uploaded again only if
     *                     its content differed)
     * @param stateMachine the S3 sample's state machine, its id the ARN
     * @param startInput   the execution input that runs the S3 sample on the sample orders: their S3 pointer
     */
    public record S3SampleResources(Resource bucket, Resource expiryRule, Resource sampleItems, Resource stateMachine,
                                    String startInput) {
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

    public Optional<String> activityArn() {
        return activity.map(Resource::id);
    }

    public Optional<String> activityStateMachineArn() {
        return activityStateMachine.map(Resource::id);
    }

    public Optional<String> s3SampleStateMachineArn() {
        return s3Sample.map(sample -> sample.stateMachine().id());
    }

    /** One line per resource, aligned for a terminal or a log; the S3 sample's start input last. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>(List.of(line("dead-letter queue", deadLetterQueue),
                line("work queue", workQueue), line("state machine", stateMachine)));
        activity.ifPresent(resource -> lines.add(line("activity", resource)));
        activityStateMachine.ifPresent(resource -> lines.add(line("state machine", resource)));
        s3Sample.ifPresent(sample -> {
            lines.add(line("bucket", sample.bucket()));
            lines.add(line("expiry rule", sample.expiryRule()));
            lines.add(line("sample items", sample.sampleItems()));
            lines.add(line("state machine", sample.stateMachine()));
            lines.add(String.format("%-17s %s", "s3 sample input", sample.startInput()));
        });
        return List.copyOf(lines);
    }

    private static String line(String kind, Resource resource) {
        return String.format("%-17s %-7s %s  %s", kind, resource.action().name().toLowerCase(), resource.name(),
                resource.id());
    }
}
