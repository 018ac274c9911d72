package io.sfntaskbridge.component;

import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.task.TaskClaim;
import io.sfntaskbridge.task.TaskEvents;
import io.sfntaskbridge.task.TaskLedger;
import io.sfntaskbridge.task.TaskTokens;
import io.sfntaskbridge.worker.TaskAnswers;
import io.sfntaskbridge.worker.TaskWork;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Makes one task-token call per exchange. Every log line names the token by its {@link TaskTokens#fingerprint}.
 * <p>
 * With a {@link TaskLedger}, {@code success} and {@code failure} store their answer under the exchange's claim (set
 * by the worker that received the task) before sending it, and send nothing when the claim was lost meanwhile.
 */
public class SfnTaskProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(SfnTaskProducer.class);

    private final TaskJson json = new TaskJson();
    private WritableHealthCheckRepository healthCheckRepository;
    private HealthCheck healthCheck;

    public SfnTaskProducer(SfnTaskEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public SfnTaskEndpoint getEndpoint() {
        return (SfnTaskEndpoint) super.getEndpoint();
    }

    private SfnTaskConfiguration configuration() {
        return getEndpoint().getConfiguration();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String token = taskToken(exchange.getMessage());
        switch (configuration().getAction()) {
            case success -> answer(exchange, token, TaskAnswering.success(json, configuration(), exchange.getMessage(),
                    token, exchange.getFromRouteId()));
            case failure -> answer(exchange, token, TaskAnswering.failure(getEndpoint(), exchange));
            case heartbeat -> sendHeartbeat(exchange, token);
            default -> throw new IllegalStateException("sfn-task:" + configuration().getAction() + " does not produce");
        }
    }

    private String taskToken(Message message) {
        String token = message.getHeader(SfnTaskConstants.TASK_TOKEN, String.class);
        if (token == null) {
            token = json.textField(message.getBody(), configuration().getTokenField()).orElseThrow(
                    () -> new IllegalArgumentException(
                            "No task token found: header " + SfnTaskConstants.TASK_TOKEN + " is absent and the body has"
                                                       + " no '" + configuration().getTokenField() + "' field"));
        }
        return TaskTokens.requireValidLength(token);
    }

    private void answer(Exchange exchange, String token, TaskWork.Answer prepared) {
        TaskClaim claim = exchange.getProperty(SfnTaskConstants.CLAIM, TaskClaim.class);
        TaskEvents events = events(exchange);
        if (!getEndpoint().answers().store(claim, prepared.answer())) {
            LOG.warn("Not answering {}: its claim was given up or taken over while the work ran",
                    TaskTokens.fingerprint(token));
            recordOutcome(exchange, SfnTaskOutcome.CLAIM_LOST);
            events.taskAnswered(SfnTaskOutcome.CLAIM_LOST, TaskEvents.NO_ERROR, sentTimestamp(exchange),
                    TaskEvents.UNKNOWN);
            return;
        }
        exchange.setProperty(SfnTaskConstants.ANSWER_STORED, true);
        SfnTaskOutcome outcome = getEndpoint().answers().deliver(token, prepared.answer(), prepared.accepted(), events,
                sentTimestamp(exchange), exchange.getProperty(SfnTaskConstants.CLAIMED_AT, TaskEvents.UNKNOWN, Long.class));
        recordOutcome(exchange, outcome);
        if (LOG.isDebugEnabled()) {
            LOG.debug("Answered {}: {}", TaskTokens.fingerprint(token), outcome);
        }
        if (configuration().isFailOnClosedTask() && !outcome.equals(prepared.accepted())) {
            throw new IllegalStateException("Task " + TaskTokens.fingerprint(token) + " was closed: " + outcome);
        }
    }

    private void sendHeartbeat(Exchange exchange, String token) {
        try {
            getEndpoint().getSfnClient().sendTaskHeartbeat(request -> request.taskToken(token));
            recordOutcome(exchange, SfnTaskOutcome.HEARTBEAT_SENT);
            events(exchange).heartbeat(TaskEvents.Heartbeat.SENT);
        } catch (TaskTimedOutException | InvalidTokenException closed) {
            events(exchange).heartbeat(TaskEvents.Heartbeat.REFUSED);
            LOG.warn("Step Functions refused a heartbeat for {}: {}", TaskTokens.fingerprint(token),
                    TaskAnswers.errorCode(closed));
            recordOutcome(exchange, closed instanceof TaskTimedOutException
                    ? SfnTaskOutcome.TASK_CLOSED : SfnTaskOutcome.INVALID_TOKEN);
            if (configuration().isFailOnClosedTask()) {
                throw closed;
            }
        }
    }

    /** When the task was sent: a worker's header, or the SentTimestamp of a message received by aws2-sqs. */
    static long sentTimestamp(Exchange exchange) {
        Long sent = exchange.getMessage().getHeader(SfnTaskConstants.SENT_TIMESTAMP, Long.class);
        if (sent == null) {
            sent = exchange.getMessage().getHeader(SfnTaskConstants.SQS_SENT_TIMESTAMP, Long.class);
        }
        return sent != null && sent > 0 ? sent : TaskEvents.UNKNOWN;
    }

    /** The events of the worker whose route the exchange came from, so its metrics carry the route id. */
    private TaskEvents events(Exchange exchange) {
        String routeId = exchange.getFromRouteId();
        return routeId == null ? getEndpoint().events() : getEndpoint().events().forWorker(routeId);
    }

    void recordOutcome(Exchange exchange, SfnTaskOutcome outcome) {
        getEndpoint().countOutcome(outcome);
        exchange.getMessage().setHeader(SfnTaskConstants.OUTCOME, outcome);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        healthCheckRepository = HealthCheckHelper.getHealthCheckRepository(
                getEndpoint().getCamelContext(), "producers", WritableHealthCheckRepository.class);
        if (healthCheckRepository != null) {
            healthCheck = new SfnTaskProducerHealthCheck(getEndpoint(), getEndpoint().getId());
            healthCheck.setEnabled(getEndpoint().getComponent().isHealthCheckProducerEnabled());
            healthCheckRepository.addHealthCheck(healthCheck);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheckRepository != null && healthCheck != null) {
            healthCheckRepository.removeHealthCheck(healthCheck);
            healthCheck = null;
        }
        super.doStop();
    }
}
