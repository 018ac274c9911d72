package io.sfntaskbridge.component;

import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sfntaskbridge.payload.PayloadException;
import io.sfntaskbridge.payload.PayloadOffload;
import io.sfntaskbridge.task.SfnTaskErrors;
import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.task.TaskAnswer;
import io.sfntaskbridge.task.TaskTokens;
import io.sfntaskbridge.task.TextTruncation;
import io.sfntaskbridge.worker.TaskWork;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an exchange into the answer of its task, for the producers and for the workers' own answers: a success with
 * the body as JSON output (over the {@link PayloadOffload}'s threshold stored in S3 and answered as its pointer; never
 * cut: over {@code maxOutputBytes} without offload it becomes a {@code Bridge.OutputTooLarge} failure),
 * or a failure whose error name is mapped from the exception ({@code errorMapping}, then the built-in names) unless the
 * {@value SfnTaskConstants#ERROR} header gives one. Error and cause are cut to the API's 256 and 32,768 characters.
 */
final class TaskAnswering {

    /** SendTaskFailure accepts an error of at most 256 characters. */
    static final int MAX_ERROR_CHARS = 256;
    /** SendTaskFailure accepts a cause of at most 32768 characters. */
    static final int MAX_CAUSE_CHARS = 32768;

    private static final Logger LOG = LoggerFactory.getLogger(SfnTaskProducer.class);

    private TaskAnswering() {
    }

    /** @param routeId the worker's route (metrics), or the producer's */
    static TaskWork.Answer success(TaskJson json, SfnTaskConfiguration configuration, Message message, String token,
                                   String routeId) {
        String output;
        try {
            output = json.render(outputBody(message));
        } catch (JsonProcessingException e) {
            LOG.warn("Output for {} is not valid JSON; failing the task with {}", TaskTokens.fingerprint(token),
                    SfnTaskErrors.INVALID_OUTPUT);
            return new TaskWork.Answer(failure(SfnTaskErrors.INVALID_OUTPUT, "output is not valid JSON: "
                                                                             + e.getOriginalMessage()),
                    SfnTaskOutcome.INVALID_OUTPUT);
        }
        byte[] bytes = output.getBytes(StandardCharsets.UTF_8);
        PayloadOffload offload = configuration.getPayloadOffload();
        if (offload != null) {
            try {
                Optional<String> pointer = offload.offloadOutput(routeId, () -> TaskTokens.hash(token), bytes);
                if (pointer.isPresent()) {
                    return new TaskWork.Answer(TaskAnswer.success(pointer.get()), SfnTaskOutcome.SUCCEEDED);
                }
            } catch (PayloadException e) {
                LOG.warn("Output for {} ({} bytes) could not be stored in S3; failing the task with {}: {}",
                        TaskTokens.fingerprint(token), bytes.length, e.errorName(), e.getMessage());
                return new TaskWork.Answer(failure(e.errorName(), e.getMessage()), SfnTaskOutcome.FAILED);
            }
        }
        int limit = configuration.getMaxOutputBytes();
        if (bytes.length > limit) {
            LOG.warn("Output for {} is {} bytes, over the limit of {}; failing the task with {}",
                    TaskTokens.fingerprint(token), bytes.length, limit, SfnTaskErrors.OUTPUT_TOO_LARGE);
            return new TaskWork.Answer(failure(SfnTaskErrors.OUTPUT_TOO_LARGE,
                    "output is " + bytes.length + " bytes, limit " + limit + " bytes"), SfnTaskOutcome.OUTPUT_TOO_LARGE);
        }
        return new TaskWork.Answer(TaskAnswer.success(output), SfnTaskOutcome.SUCCEEDED);
    }

    // Streams cannot go to Jackson as they are; read them as the JSON text they carry.
    private static Object outputBody(Message message) {
        Object body = message.getBody();
        if (body instanceof InputStream || body instanceof Reader || body instanceof StreamCache) {
            return message.getBody(String.class);
        }
        return body;
    }

    static TaskWork.Answer failure(SfnTaskEndpoint endpoint, Exchange exchange) {
        Throwable exception = caughtException(exchange);
        String error = exchange.getMessage().getHeader(SfnTaskConstants.ERROR, String.class);
        if (error == null) {
            error = endpoint.getErrorNameMapper().errorNameFor(exception)
                    .orElse(endpoint.getConfiguration().getDefaultErrorName());
        }
        String cause = exchange.getMessage().getHeader(SfnTaskConstants.CAUSE, String.class);
        if (cause == null) {
            cause = causeOf(exception);
        }
        return new TaskWork.Answer(failure(error, cause), SfnTaskOutcome.FAILED);
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

    static String causeOf(Throwable exception) {
        if (exception == null) {
            return "";
        }
        return exception.getMessage() != null ? exception.getMessage() : exception.getClass().getSimpleName();
    }
}
