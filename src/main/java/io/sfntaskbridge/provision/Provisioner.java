package io.sfntaskbridge.provision;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.sfntaskbridge.provision.ProvisionSettings.ActivityWorkflow;
import io.sfntaskbridge.provision.ProvisionSettings.S3Sample;
import io.sfntaskbridge.provision.ProvisionSummary.Action;
import io.sfntaskbridge.provision.ProvisionSummary.Resource;
import io.sfntaskbridge.provision.ProvisionSummary.S3SampleResources;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ActivityListItem;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Creates or updates the dead-letter queue, the work queue and the state machine, (unless switched off) the activity
 * sample's activity and state machine, and (given a payload bucket) the bucket, its expiry rule, the S3 sample's
 * orders and its state machine, so that running it again is safe: resources are found by name and reconfigured, never
 * created twice. Configuration it owns (redrive policy, visibility timeout, definition, role, expiry) is set on every
 * run, so the configuration file stays the source of truth.
 */
public final class Provisioner {

    /** The placeholders the queue sample's template (bridge.statemachine.definition) may use. */
    public static final Set<String> PLACEHOLDERS =
            Set.of("WorkQueueUrl", "MapMaxConcurrency", "HeartbeatSeconds", "TimeoutSeconds");
    /** The placeholders the activity sample's template (bridge.activity.statemachine.definition) may use. */
    public static final Set<String> ACTIVITY_PLACEHOLDERS =
            Set.of("ActivityArn", "MapMaxConcurrency", "ActivityHeartbeatSeconds", "TimeoutSeconds");
    /** The placeholders the S3 sample's template (bridge.s3sample.statemachine.definition) may use. */
    public static final Set<String> S3_PLACEHOLDERS =
            Set.of("WorkQueueUrl", "MapMaxConcurrency", "HeartbeatSeconds", "TimeoutSeconds", "PayloadBucket");

    private final SqsClient sqs;
    private final SfnClient sfn;
    private final S3Client s3;

    /** Without S3: settings with a payload bucket are refused. */
    public Provisioner(SqsClient sqs, SfnClient sfn) {
        this(sqs, sfn, null);
    }

    public Provisioner(SqsClient sqs, SfnClient sfn, S3Client s3) {
        this.sqs = sqs;
        this.sfn = sfn;
        this.s3 = s3;
    }

    public ProvisionSummary provision(ProvisionSettings settings) {
        // All are loaded before anything is created, so a broken template leaves nothing half-provisioned behind.
        DefinitionTemplate template =
                DefinitionTemplate.load(settings.definition(), "bridge.statemachine.definition", PLACEHOLDERS);
        Optional<DefinitionTemplate> activityTemplate = settings.activityWorkflow().map(workflow -> DefinitionTemplate
                .load(workflow.definition(), "bridge.activity.statemachine.definition", ACTIVITY_PLACEHOLDERS));
        Optional<DefinitionTemplate> s3Template = settings.s3Sample().map(sample -> DefinitionTemplate
                .load(sample.definition(), "bridge.s3sample.statemachine.definition", S3_PLACEHOLDERS));
        if (s3Template.isPresent() && s3 == null) {
            throw new ProvisioningException("bridge.payload.bucket is set, but this provisioner has no S3 client");
        }
        Resource deadLetterQueue = deadLetterQueue(settings);
        Resource workQueue = workQueue(settings, deadLetterQueue.id());
        String definition = template.render(placeholders(settings, workQueue.id()));
        Resource stateMachine = stateMachine(settings.stateMachineName(), settings.definition(), definition,
                settings.roleArn());
        Optional<Resource> activity = Optional.empty();
        Optional<Resource> activityStateMachine = Optional.empty();
        if (activityTemplate.isPresent()) {
            ActivityWorkflow workflow = settings.activityWorkflow().orElseThrow();
            activity = Optional.of(activity(workflow.activityName()));
            String activityDefinition = activityTemplate.get().render(activityPlaceholders(settings, workflow,
                    activity.get().id()));
            activityStateMachine = Optional.of(stateMachine(workflow.stateMachineName(), workflow.definition(),
                    activityDefinition, settings.roleArn()));
        }
        Optional<S3SampleResources> s3Sample = s3Template.map(sample -> s3Sample(settings, sample, workQueue.id()));
        return new ProvisionSummary(deadLetterQueue, workQueue, stateMachine, activity, activityStateMachine,
                s3Sample);
    }

    /** The bucket first: the orders go into it, and the state machine's ResultWriter names it. */
    private S3SampleResources s3Sample(ProvisionSettings settings, DefinitionTemplate template, String workQueueUrl) {
        S3Sample sample = settings.s3Sample().orElseThrow();
        PayloadBucket payloads = new PayloadBucket(s3);
        Resource bucket = payloads.bucket(sample.bucket());
        Resource expiryRule = payloads.expiryRule(sample.bucket(), sample.keyPrefix(), sample.expiryDays());
        byte[] orders = SampleOrders.json(sample.sampleItems());
        Resource items = payloads.upload(sample.bucket(), sample.itemsKey(), orders);
        Map<String, String> values = new HashMap<>(placeholders(settings, workQueueUrl));
        values.put("PayloadBucket", sample.bucket());
        Resource stateMachine = stateMachine(sample.stateMachineName(), sample.definition(), template.render(values),
                settings.roleArn());
        return new S3SampleResources(bucket, expiryRule, items, stateMachine,
                PayloadBucket.pointer(sample.bucket(), sample.itemsKey(), orders));
    }

    private Resource deadLetterQueue(ProvisionSettings settings) {
        String name = settings.deadLetterQueueName();
        Optional<String> existing = queueUrl(name);
        String url = existing.orElseGet(() -> sqs.createQueue(request -> request.queueName(name)).queueUrl());
        String arn = sqs.getQueueAttributes(request -> request.queueUrl(url)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        return new Resource(name, arn, existing.isPresent() ? Action.UPDATED : Action.CREATED);
    }

    private Resource workQueue(ProvisionSettings settings, String deadLetterQueueArn) {
        String name = settings.queueName();
        Map<QueueAttributeName, String> attributes = Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(settings.visibilityTimeoutSeconds()),
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + deadLetterQueueArn
                                                   + "\",\"maxReceiveCount\":\"" + settings.maxReceiveCount() + "\"}");
        Optional<String> existing = queueUrl(name);
        if (existing.isPresent()) {
            sqs.setQueueAttributes(request -> request.queueUrl(existing.get()).attributes(attributes));
            return new Resource(name, existing.get(), Action.UPDATED);
        }
        String url = sqs.createQueue(request -> request.queueName(name).attributes(attributes)).queueUrl();
        return new Resource(name, url, Action.CREATED);
    }

    private Optional<String> queueUrl(String name) {
        try {
            return Optional.of(sqs.getQueueUrl(request -> request.queueName(name)).queueUrl());
        } catch (QueueDoesNotExistException e) {
            return Optional.empty();
        }
    }

    /** CreateActivity returns the existing activity of that name, so it is looked up first to report which it was. */
    private Resource activity(String name) {
        Optional<String> existing = sfn.listActivitiesPaginator(request -> { }).activities().stream()
                .filter(activity -> activity.name().equals(name)).map(ActivityListItem::activityArn).findFirst();
        String arn = existing.orElseGet(() -> sfn.createActivity(request -> request.name(name)).activityArn());
        return new Resource(name, arn, existing.isPresent() ? Action.UPDATED : Action.CREATED);
    }

    /** @param file the template {@code definition} was rendered from, for the message when AWS refuses it */
    private Resource stateMachine(String name, Path file, String definition, String roleArn) {
        Optional<StateMachineListItem> existing = sfn.listStateMachinesPaginator(request -> { })
                .stateMachines().stream().filter(machine -> machine.name().equals(name)).findFirst();
        try {
            if (existing.isPresent()) {
                StateMachineListItem machine = existing.get();
                if (machine.type() != StateMachineType.STANDARD) {
                    // The type is fixed at creation; callbacks from Distributed Map children need STANDARD.
                    throw new ProvisioningException("state machine " + name + " exists as " + machine.typeAsString()
                                                    + "; delete it so it can be created as STANDARD");
                }
                sfn.updateStateMachine(request -> request.stateMachineArn(machine.stateMachineArn())
                        .definition(definition).roleArn(roleArn));
                return new Resource(name, machine.stateMachineArn(), Action.UPDATED);
            }
            String arn = sfn.createStateMachine(request -> request.name(name).type(StateMachineType.STANDARD)
                    .definition(definition).roleArn(roleArn)).stateMachineArn();
            return new Resource(name, arn, Action.CREATED);
        } catch (InvalidDefinitionException e) {
            throw new ProvisioningException("state machine definition " + file + " is invalid: "
                                            + e.awsErrorDetails().errorMessage(), e);
        }
    }

    private static Map<String, String> placeholders(ProvisionSettings settings, String workQueueUrl) {
        return Map.of(
                "WorkQueueUrl", workQueueUrl,
                "MapMaxConcurrency", Integer.toString(settings.mapMaxConcurrency()),
                "HeartbeatSeconds", Integer.toString(settings.heartbeatSeconds()),
                "TimeoutSeconds", Integer.toString(settings.timeoutSeconds()));
    }

    private static Map<String, String> activityPlaceholders(ProvisionSettings settings, ActivityWorkflow workflow,
                                                            String activityArn) {
        return Map.of(
                "ActivityArn", activityArn,
                "MapMaxConcurrency", Integer.toString(settings.mapMaxConcurrency()),
                "ActivityHeartbeatSeconds", Integer.toString(workflow.heartbeatSeconds()),
                "TimeoutSeconds", Integer.toString(settings.timeoutSeconds()));
    }
}
