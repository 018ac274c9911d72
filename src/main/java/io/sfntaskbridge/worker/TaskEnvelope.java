package io.sfntaskbridge.worker;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfntaskbridge.task.TaskTokens;

/**
 * Opens what a {@link TaskSource} received. A queue message carries the JSON envelope that the state machine's
 * {@code sqs:sendMessage.waitForTaskToken} task writes:
 *
 * <pre>
 * {"taskToken": "&lt;$$.Task.Token&gt;", "input": {...}, "heartbeatSeconds": 60}
 * </pre>
 *
 * {@code taskToken} and {@code input} (a JSON object) are required; {@code heartbeatSeconds} is an optional hint equal
 * to the Task state's {@code HeartbeatSeconds}. An activity task has its token beside its input, which must be a JSON
 * object too. A message without a usable token is a {@link MalformedEnvelopeException} (nobody can answer it); a usable
 * token with unusable input an {@link InvalidTaskInputException} (answered {@code Bridge.InvalidInput}).
 */
public final class TaskEnvelope {

    public static final String TOKEN_FIELD = "taskToken";
    public static final String INPUT_FIELD = "input";
    public static final String HEARTBEAT_FIELD = "heartbeatSeconds";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * An opened task.
     *
     * @param token            the task token
     * @param input            the work's input, a JSON object as a Map; null when it is unusable ({@link #problem})
     * @param heartbeatSeconds the envelope's hint, or null
     * @param problem          why the input is unusable, or null
     */
    public record Opened(String token, Map<String, Object> input, Integer heartbeatSeconds, String problem) {
    }

    private TaskEnvelope() {
    }

    /** Opens a queue message's envelope. */
    public static Opened open(String body) {
        JsonNode envelope = parse(body);
        JsonNode token = envelope.get(TOKEN_FIELD);
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw new MalformedEnvelopeException("message has no \"" + TOKEN_FIELD + "\" string field, so no task can"
                                                 + " be answered; fields present: " + fieldNames(envelope));
        }
        String taskToken = validToken(token.asText());
        JsonNode heartbeat = envelope.get(HEARTBEAT_FIELD);
        Integer hint = heartbeat != null && heartbeat.canConvertToInt() && heartbeat.asInt() > 0 ? heartbeat.asInt() : null;
        return withInput(taskToken, envelope.get(INPUT_FIELD), "envelope field \"" + INPUT_FIELD + "\"", hint);
    }

    /** Opens an activity task: its token and its input as GetActivityTask returned them. */
    public static Opened openActivity(String token, String input) {
        String taskToken = validToken(token);
        JsonNode node;
        try {
            node = input == null || input.isBlank() ? null : MAPPER.readTree(input);
        } catch (JsonProcessingException e) {
            return new Opened(taskToken, null, null, "activity input is not JSON (" + input.length() + " characters)");
        }
        return withInput(taskToken, node, "activity input", null);
    }

    @SuppressWarnings("unchecked")
    private static Opened withInput(String token, JsonNode input, String what, Integer hint) {
        if (input == null || !input.isObject()) {
            return new Opened(token, null, hint, what + " must be a JSON object, was "
                                                 + (input == null ? "missing" : input.getNodeType().toString().toLowerCase()));
        }
        return new Opened(token, MAPPER.convertValue(input, Map.class), hint, null);
    }

    private static String validToken(String token) {
        try {
            return TaskTokens.requireValidLength(token);
        } catch (IllegalArgumentException e) {
            throw new MalformedEnvelopeException(e.getMessage(), e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new MalformedEnvelopeException("message body is empty; expected a JSON envelope with \"" + TOKEN_FIELD
                                                 + "\"");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
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
