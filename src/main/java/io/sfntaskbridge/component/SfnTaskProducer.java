package io.sfntaskbridge.component;

import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

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
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Sends one task-token call per exchange. Every log line names the token by its {@link TaskTokens#fingerprint}.
 */
public class SfnTaskProducer extends DefaultProducer {

    /** SendTaskFailure accepts an error of at most 256 characters. */
    static final int MAX_ERROR_CHARS = 256;
    /** SendTaskFailure accepts a cause of at most 32768 characters. */
    static final int MAX_CAUSE_CHARS = 32768;

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
        SfnTaskOutcome outcome;
        try {
            outcome = switch (configuration().getAction()) {
                case success -> sendSuccess(exchange.getMessage(), token);
                case failure -> sendFailure(exchange, token);
                case heartbeat -> sendHeartbeat(token);
            };
        } catch (TaskTimedOutException | InvalidTokenException closed) {
            handleClosedTask(exchange, token, closed);
            return;
        }
        recordOutcome(exchange, outcome);
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

    private SfnTaskOutcome sendSuccess(Message message, String token) {
        String output;
        try {
            output = json.render(outputBody(message));
        } catch (JsonProcessingException e) {
            LOG.warn("Output for {} is not valid JSON; failing the task with {}", TaskTokens.fingerprint(token),
                    SfnTaskErrors.INVALID_OUTPUT);
            sendTaskFailure(token, SfnTaskErrors.INVALID_OUTPUT, "output is not valid JSON: " + e.getOriginalMessage());
            return SfnTaskOutcome.INVALID_OUTPUT;
        }
        int outputBytes = output.getBytes(StandardCharsets.UTF_8).length;
        int limit = configuration().getMaxOutputBytes();
        if (outputBytes > limit) {
            LOG.warn("Output for {} is {} bytes, over the limit of {}; failing the task with {}",
                    TaskTokens.fingerprint(token), outputBytes, limit, SfnTaskErrors.OUTPUT_TOO_LARGE);
            sendTaskFailure(token, SfnTaskErrors.OUTPUT_TOO_LARGE,
                    "output is " + outputBytes + " bytes, limit " + limit + " bytes");
            return SfnTaskOutcome.OUTPUT_TOO_LARGE;
        }
        getEndpoint().getSfnClient().sendTaskSuccess(request -> request.taskToken(token).output(output));
        LOG.debug("Sent task success for {} with {} bytes of output", TaskTokens.fingerprint(token), outputBytes);
        return SfnTaskOutcome.SUCCEEDED;
    }

    // Streams cannot go to Jackson as they are; read them as the JSON text they carry.
    private static Object outputBody(Message message) {
        Object body = message.getBody();
        if (body instanceof InputStream || body instanceof Reader || body instanceof StreamCache) {
            return message.getBody(String.class);
        }
        return body;
    }

    private SfnTaskOutcome sendFailure(Exchange exchange, String token) {
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
        sendTaskFailure(token, error, cause);
        LOG.debug("Sent task failure {} for {}", error, TaskTokens.fingerprint(token));
        return SfnTaskOutcome.FAILED;
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

    private void sendTaskFailure(String token, String error, String cause) {
        getEndpoint().getSfnClient().sendTaskFailure(request -> request.taskToken(token)
                .error(TextTruncation.truncate(error, MAX_ERROR_CHARS))
                .cause(TextTruncation.truncate(cause, MAX_CAUSE_CHARS)));
    }

    private SfnTaskOutcome sendHeartbeat(String token) {
        getEndpoint().getSfnClient().sendTaskHeartbeat(request -> request.taskToken(token));
        LOG.debug("Sent task heartbeat for {}", TaskTokens.fingerprint(token));
        return SfnTaskOutcome.HEARTBEAT_SENT;
    }

    // Retrying cannot revive a closed task, so by default the exchange goes on and the outcome tells what happened.
    private void handleClosedTask(Exchange exchange, String token, SfnException closed) {
        SfnTaskOutcome outcome = closed instanceof TaskTimedOutException
                ? SfnTaskOutcome.TASK_CLOSED : SfnTaskOutcome.INVALID_TOKEN;
        recordOutcome(exchange, outcome);
        LOG.warn("Step Functions rejected {} for {}: {} ({})", configuration().getAction(),
                TaskTokens.fingerprint(token), outcome, closed.awsErrorDetails() != null
                        ? closed.awsErrorDetails().errorCode() : closed.getClass().getSimpleName());
        if (configuration().isFailOnClosedTask()) {
            throw closed;
        }
    }

    private void recordOutcome(Exchange exchange, SfnTaskOutcome outcome) {
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
