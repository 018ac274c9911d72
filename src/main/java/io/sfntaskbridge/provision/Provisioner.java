package io.sfntaskbridge.provision;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.sfntaskbridge.provision.ProvisionSettings.ActivityWorkflow;
import io.sfntaskbridge.provision.ProvisionSummary.Action;
import io.sfntaskbridge.provision.ProvisionSummary.Resource;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ActivityListItem;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Creates or updates the dead-letter queue, the work queue and the state machine, and (unless switched off) the
 * activity sample's activity and state machine, so that running it again is safe: resources are found by name and
 * reconfigured, never created twice. Configuration it owns (redrive policy, visibility timeout, definition, role) is
 * set on every run, so the configuration file stays the source of truth.
 */
public final class Provisioner {

    /** The placeholders the queue sample's template (bridge.statemachine.definition) may use. */
    public static final Set<String> PLACEHOLDERS =
            Set.of("WorkQueueUrl", "MapMaxConcurrency", "HeartbeatSeconds", "TimeoutSeconds");
    /** The placeholders the activity sample's template (bridge.activity.statemachine.definition) may use. */
    public static final Set<String> ACTIVITY_PLACEHOLDERS =
            Set.of("ActivityArn", "MapMaxConcurrency", "ActivityHeartbeatSeconds", "TimeoutSeconds");

    private final SqsClient sqs;
    private final SfnClient sfn;

    public Provisioner(SqsClient sqs, SfnClient sfn) {
        this.sqs = sqs;
        this.sfn = sfn;
    }

    public ProvisionSummary provision(ProvisionSettings settings) {
        // Both are loaded before anything is created, so a broken template leaves nothing half-provisioned behind.
        DefinitionTemplate template =
                DefinitionTemplate.load(settings.definition(), "bridge.statemachine.definition", PLACEHOLDERS);
        Optional<DefinitionTemplate> activityTemplate = settings.activityWorkflow().map(workflow -> DefinitionTemplate
                .load(workflow.definition(), "bridge.activity.statemachine.definition", ACTIVITY_PLACEHOLDERS));
        Resource deadLetterQueue = deadLetterQueue(settings);
        Resource workQueue = workQueue(settings, deadLetterQueue.id());
        String definition = template.render(placeholders(settings, workQueue.id()));
        Resource stateMachine = stateMachine(settings.stateMachineName(), settings.definition(), definition,
                settings.roleArn());
        if (activityTemplate.isEmpty()) {
            return new ProvisionSummary(deadLetterQueue, workQueue, stateMachine, Optional.empty(), Optional.empty());
        }
        ActivityWorkflow workflow = settings.activityWorkflow().orElseThrow();
        Resource activity = activity(workflow.activityName());
        String activityDefinition = activityTemplate.get().render(activityPlaceholders(settings, workflow,
                activity.id()));
        Resource activityStateMachine = stateMachine(workflow.stateMachineName(), workflow.definition(),
                activityDefinition, settings.roleArn());
        return new ProvisionSummary(deadLetterQueue, workQueue, stateMachine, Optional.of(activity),
                Optional.of(activityStateMachine));
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
