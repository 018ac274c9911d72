package io.sfntaskbridge.component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON handling of the producer: turning a body into task output and finding the token in an envelope body.
 */
final class TaskJson {

    // Trailing tokens would make "{} junk" pass as valid output.
    private final ObjectMapper mapper = new ObjectMapper()
            .findAndRegisterModules()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Returns the JSON text of {@code body}: a String or byte[] body must already be a JSON document and is passed on
     * as it is, anything else is serialized.
     *
     * @throws JsonProcessingException when the body is not valid JSON or cannot be serialized
     */
    String render(Object body) throws JsonProcessingException {
        if (body instanceof String text) {
            requireDocument(mapper.readTree(text));
            return text;
        }
        if (body instanceof byte[] bytes) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            requireDocument(mapper.readTree(text));
            return text;
        }
        return mapper.writeValueAsString(body);
    }

    /**
     * Returns the text value of {@code field} when {@code body} is a Map, a JSON object node, or a String or byte[]
     * holding a JSON object; empty for any other body, including text that is not JSON.
     */
    Optional<String> textField(Object body, String field) {
        if (field == null) {
            return Optional.empty();
        }
        if (body instanceof Map<?, ?> map) {
            return Optional.ofNullable(map.get(field)).map(Object::toString);
        }
        return asTree(body)
                .map(tree -> tree.get(field))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText);
    }

    private Optional<JsonNode> asTree(Object body) {
        try {
            if (body instanceof JsonNode node) {
                return Optional.of(node);
            }
            if (body instanceof String text) {
                return Optional.ofNullable(mapper.readTree(text));
            }
            if (body instanceof byte[] bytes) {
                return Optional.ofNullable(mapper.readTree(bytes));
            }
        } catch (IOException notJson) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    // readTree returns a MissingNode rather than failing for blank input, which is not a JSON document.
    private static void requireDocument(JsonNode tree) throws JsonProcessingException {
        if (tree == null || tree.isMissingNode()) {
            throw new EmptyJsonException();
        }
    }

    private static final class EmptyJsonException extends JsonProcessingException {
        EmptyJsonException() {
            super("empty body is not a JSON document");
        }
    }
}
