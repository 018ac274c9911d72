package io.sfntaskbridge.worker;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfntaskbridge.component.SfnTaskConstants;
import io.sfntaskbridge.component.TaskTokens;
import org.apache.camel.Exchange;
import org.apache.camel.Handler;

/**
 * Opens the JSON envelope that the state machine's {@code sqs:sendMessage.waitForTaskToken} task puts on the queue:
 *
 * <pre>
 * {"taskToken": "&lt;$$.Task.Token&gt;", "input": {...}, "heartbeatSeconds": 60}
 * </pre>
 *
 * {@code taskToken} and {@code input} (a JSON object) are required; {@code heartbeatSeconds} is an optional hint
 * equal to the Task state's {@code HeartbeatSeconds}. After {@link #open} the token is in the
 * {@value SfnTaskConstants#TASK_TOKEN} header, the hint in the {@value #HEARTBEAT_SECONDS} property, and the body is
 * the input as a {@code Map}.
 */
public class TaskEnvelope {

    public static final String TOKEN_FIELD = "taskToken";
    public static final String INPUT_FIELD = "input";
    public static final String HEARTBEAT_FIELD = "heartbeatSeconds";
    /** Exchange property holding the envelope's heartbeat hint in seconds, when it has one. */
    public static final String HEARTBEAT_SECONDS = "SfnTaskHeartbeatSeconds";

    private final ObjectMapper mapper = new ObjectMapper();

    @Handler
    public void open(Exchange exchange) {
        JsonNode envelope = parse(exchange.getMessage().getBody(String.class));
        JsonNode token = envelope.get(TOKEN_FIELD);
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw new MalformedEnvelopeException("message has no \"" + TOKEN_FIELD + "\" string field, so no task can"
                                                 + " be answered; fields present: " + fieldNames(envelope));
        }
        String taskToken = token.asText();
        try {
            TaskTokens.requireValidLength(taskToken);
        } catch (IllegalArgumentException e) {
            throw new MalformedEnvelopeException(e.getMessage(), e);
        }
        exchange.getMessage().setHeader(SfnTaskConstants.TASK_TOKEN, taskToken);

        JsonNode heartbeat = envelope.get(HEARTBEAT_FIELD);
        if (heartbeat != null && heartbeat.canConvertToInt() && heartbeat.asInt() > 0) {
            exchange.setProperty(HEARTBEAT_SECONDS, heartbeat.asInt());
        }

        JsonNode input = envelope.get(INPUT_FIELD);
        if (input == null || !input.isObject()) {
            throw new InvalidTaskInputException("envelope field \"" + INPUT_FIELD + "\" must be a JSON object, was "
                                                + (input == null ? "missing" : input.getNodeType().toString().toLowerCase()));
        }
        exchange.getMessage().setBody(mapper.convertValue(input, Map.class));
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new MalformedEnvelopeException("message body is empty; expected a JSON envelope with \"" + TOKEN_FIELD
                                                 + "\"");
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (!node.isObject()) {
                throw new MalformedEnvelopeException("message body is JSON " + node.getNodeType().toString().toLowerCase()
                                                     + ", expected an object with \"" + TOKEN_FIELD + "\"");
            }
            return node;
        } catch (JsonProcessingException e) {
            // Not Jackson's message: it quotes the body, which may hold a token or business data.
            throw new MalformedEnvelopeException("message body is not JSON (" + body.length() + " characters, unreadable"
                                                 + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                                                    + ", column " + e.getLocation().getColumnNr()) + ")", e);
        }
    }

    private static String fieldNames(JsonNode envelope) {
        StringBuilder names = new StringBuilder("[");
        envelope.fieldNames().forEachRemaining(name -> names.append(names.length() > 1 ? ", " : "").append(name));
        return names.append(']').toString();
    }
}
