package io.sfntaskbridge.component;

import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
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
 * With a {@link TaskLedger}: {@code claim} records the delivery before the work; {@code success} and {@code failure}
 * store their answer under the exchange's claim before sending it, and send nothing when the claim was lost meanwhile.
 */
public class SfnTaskProducer extends DefaultProducer {

    /** SendTaskFailure accepts an error of at most 256 characters. */
    static final int MAX_ERROR_CHARS = 256;
    /** SendTaskFailure accepts a cause of at most 32768 characters. */
    static final int MAX_CAUSE_CHARS = 32768;

    private static final Logger LOG = LoggerFactory.getLogger(SfnTaskProducer.class);

    private final TaskJson json = new TaskJson();
    private TaskAnswerSender sender;
    private TaskClaimStep claimStep;
    private TaskEvents events = TaskEvents.NONE;
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
            case claim -> claimStep.claim(exchange, token);
            case success -> answer(exchange, token, successAnswer(exchange.getMessage(), token));
            case failure -> answer(exchange, token, failureAnswer(exchange));
            case heartbeat -> sendHeartbeat(exchange, token);
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

    /** An answer and the outcome it reports once accepted. */
    private record Prepared(TaskAnswer answer, SfnTaskOutcome outcome) {
    }

    private Prepared successAnswer(Message message, String token) {
        String output;
        try {
            output = json.render(outputBody(message));
        } catch (JsonProcessingException e) {
            LOG.warn("Output for {} is not valid JSON; failing the task with {}", TaskTokens.fingerprint(token),
                    SfnTaskErrors.INVALID_OUTPUT);
            return new Prepared(failure(SfnTaskErrors.INVALID_OUTPUT, "output is not valid JSON: " + e.getOriginalMessage()),
                    SfnTaskOutcome.INVALID_OUTPUT);
        }
        int outputBytes = output.getBytes(StandardCharsets.UTF_8).length;
        int limit = configuration().getMaxOutputBytes();
        if (outputBytes > limit) {
            LOG.warn("Output for {} is {} bytes, over the limit of {}; failing the task with {}",
                    TaskTokens.fingerprint(token), outputBytes, limit, SfnTaskErrors.OUTPUT_TOO_LARGE);
            return new Prepared(failure(SfnTaskErrors.OUTPUT_TOO_LARGE,
                    "output is " + outputBytes + " bytes, limit " + limit + " bytes"), SfnTaskOutcome.OUTPUT_TOO_LARGE);
        }
        return new Prepared(TaskAnswer.success(output), SfnTaskOutcome.SUCCEEDED);
    }

    // Streams cannot go to Jackson as they are; read them as the JSON text they carry.
    private static Object outputBody(Message message) {
        Object body = message.getBody();
        if (body instanceof InputStream || body instanceof Reader || body instanceof StreamCache) {
            return message.getBody(String.class);
        }
        return body;
    }

    private Prepared failureAnswer(Exchange exchange) {
        Throwable exception = caughtException(exchange);
        String error = exchange.getMessage().getHeader(SfnTaskConstants.ERROR, String.class);
        if (error == null) {
            error = getEndpoint().getErrorNameMapper().errorNameFor(exception)
                    .orElse(configuration().getDefaultErrorName());
        }
        String cause = exchange.getMessage().getHeader(SfnTaskConstants.CAUSE, String.class);
        if (cause == null) {
            cause = causeOf(exception);
        }
        return new Prepared(failure(error, cause), SfnTaskOutcome.FAILED);
    }

    private static TaskAnswer failure(String error, String cause) {
        return TaskAnswer.failure(TextTruncation.truncate(error, MAX_ERROR_CHARS),
                TextTruncation.truncate(cause, MAX_CAUSE_CHARS));
    }

    // In onException and doCatch Camel moves the exception from the exchange to this property.
    private static Throwable caughtException(Exchange exchange) {
        Throwable exception = exchange.getException();
        return exception != null ? exception : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }

    private static String causeOf(Throwable exception) {
        if (exception == null) {
            return "";
        }
        return exception.getMessage() != null ? exception.getMessage() : exception.getClass().getSimpleName();
    }

    private void answer(Exchange exchange, String token, Prepared prepared) {
        TaskClaim claim = exchange.getProperty(SfnTaskConstants.CLAIM, TaskClaim.class);
        TaskLedger ledger = configuration().getLedger();
        if (claim != null && ledger != null && !ledger.storeAnswer(claim, prepared.answer())) {
            LOG.warn("Not answering {}: its claim was given up or taken over while the work ran",
                    TaskTokens.fingerprint(token));
            recordOutcome(exchange, SfnTaskOutcome.CLAIM_LOST);
            events.taskAnswered(SfnTaskOutcome.CLAIM_LOST, TaskEvents.NO_ERROR, sentTimestamp(exchange),
                    workNanos(exchange));
            return;
        }
        SfnTaskOutcome outcome = sender.send(token, prepared.answer(), prepared.outcome());
        recordOutcome(exchange, outcome);
        events.taskAnswered(outcome, prepared.answer().errorName(), sentTimestamp(exchange), workNanos(exchange));
        if (prepared.answer().kind() == TaskAnswer.Kind.FAILURE && outcome == prepared.outcome()) {
            events.taskFailed(TaskTokens.fingerprint(token), outcome, prepared.answer().error(), prepared.answer().cause());
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("Answered {}: {}", TaskTokens.fingerprint(token), outcome);
        }
        if (configuration().isFailOnClosedTask() && !outcome.equals(prepared.outcome())) {
            throw new IllegalStateException("Task " + TaskTokens.fingerprint(token) + " was closed: " + outcome);
        }
    }

    private void sendHeartbeat(Exchange exchange, String token) {
        try {
            getEndpoint().getSfnClient().sendTaskHeartbeat(request -> request.taskToken(token));
            recordOutcome(exchange, SfnTaskOutcome.HEARTBEAT_SENT);
            events.heartbeat(TaskEvents.Heartbeat.SENT);
        } catch (TaskTimedOutException | InvalidTokenException closed) {
            events.heartbeat(TaskEvents.Heartbeat.REFUSED);
            LOG.warn("Step Functions refused a heartbeat for {}: {}", TaskTokens.fingerprint(token),
                    TaskAnswerSender.errorCode(closed));
            recordOutcome(exchange, closed instanceof TaskTimedOutException
                    ? SfnTaskOutcome.TASK_CLOSED : SfnTaskOutcome.INVALID_TOKEN);
            if (configuration().isFailOnClosedTask()) {
                throw closed;
            }
        }
    }

    /** The SQS message's SentTimestamp (epoch millis) when the exchange came from aws2-sqs with that attribute. */
    static long sentTimestamp(Exchange exchange) {
        Long sent = exchange.getMessage().getHeader(SfnTaskConstants.SQS_SENT_TIMESTAMP, Long.class);
        return sent != null && sent > 0 ? sent : TaskEvents.UNKNOWN;
    }

    private static long workNanos(Exchange exchange) {
        Long claimedAt = exchange.getProperty(SfnTaskConstants.CLAIMED_AT, Long.class);
        return claimedAt == null ? TaskEvents.UNKNOWN : System.nanoTime() - claimedAt;
    }

    void recordOutcome(Exchange exchange, SfnTaskOutcome outcome) {
        getEndpoint().countOutcome(outcome);
        exchange.getMessage().setHeader(SfnTaskConstants.OUTCOME, outcome);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (configuration().getAction() == SfnTaskAction.claim && configuration().getLedger() == null) {
            throw new IllegalArgumentException("sfn-task:claim needs a task ledger: bind one TaskLedger bean (the runtime"
                                               + " binds 'taskLedger') or set the ledger option");
        }
        events = TaskEvents.orNone(configuration().getEvents());
        sender = new TaskAnswerSender(getEndpoint().getSfnClient(),
                new AwsRetry(configuration().getRetryAttempts(), Duration.ofMillis(configuration().getRetryInitialDelayMillis()),
                        Duration.ofMillis(configuration().getRetryMaxDelayMillis()), getEndpoint().getComponent().faultLog(), events),
                configuration().getLedger());
        claimStep = configuration().getLedger() == null ? null
                : new TaskClaimStep(configuration().getLedger(), sender, events);
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
