package io.sfntaskbridge.provision;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.sfntaskbridge.provision.ProvisionSummary.Action;
import io.sfntaskbridge.provision.ProvisionSummary.Resource;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Creates or updates the dead-letter queue, the work queue and the state machine, so that running it again is safe:
 * resources are found by name and reconfigured, never created twice. Configuration it owns (redrive policy,
 * visibility timeout, definition, role) is set on every run, so the configuration file stays the source of truth.
 */
public final class Provisioner {

    /** The placeholders a state machine template may use. */
    public static final Set<String> PLACEHOLDERS =
            Set.of("WorkQueueUrl", "MapMaxConcurrency", "HeartbeatSeconds", "TimeoutSeconds");

    private final SqsClient sqs;
    private final SfnClient sfn;

    public Provisioner(SqsClient sqs, SfnClient sfn) {
        this.sqs = sqs;
        this.sfn = sfn;
    }

    public ProvisionSummary provision(ProvisionSettings settings) {
        // Loaded before anything is created, so a broken template leaves nothing half-provisioned behind.
        DefinitionTemplate template = DefinitionTemplate.load(settings.definition(), PLACEHOLDERS);
        Resource deadLetterQueue = deadLetterQueue(settings);
        Resource workQueue = workQueue(settings, deadLetterQueue.id());
        String definition = template.render(placeholders(settings, workQueue.id()));
        Resource stateMachine = stateMachine(settings, definition);
        return new ProvisionSummary(deadLetterQueue, workQueue, stateMachine);
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

    private Resource stateMachine(ProvisionSettings settings, String definition) {
        String name = settings.stateMachineName();
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
                        .definition(definition).roleArn(settings.roleArn()));
                return new Resource(name, machine.stateMachineArn(), Action.UPDATED);
            }
            String arn = sfn.createStateMachine(request -> request.name(name).type(StateMachineType.STANDARD)
                    .definition(definition).roleArn(settings.roleArn())).stateMachineArn();
            return new Resource(name, arn, Action.CREATED);
        } catch (InvalidDefinitionException e) {
            throw new ProvisioningException("state machine definition " + settings.definition() + " is invalid: "
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
}
