package io.sfntaskbridge.starter;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfntaskbridge.payload.PayloadPointer;

/**
 * Checks execution input before an execution starts, because Step Functions accepts any JSON and the mistake would
 * only show as a failed execution later. The sample workflows map over orders and read fields of each, so the input
 * must be an object whose {@code orders} is an array of objects (order-enrichment), an array of order objects (the
 * items of a workflow that reads them from S3, stored there when over the limit), or an {@code s3Payload} pointer
 * ({@link PayloadPointer}) to such items.
 */
public class ExecutionInputValidator {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @return the input unchanged, so a route can use this as a step */
    public String validate(String input) throws InvalidExecutionInputException {
        JsonNode root = parse(input);
        if (root.isArray()) {
            checkOrders(root, "");
            return input;
        }
        if (!root.isObject()) {
            throw new InvalidExecutionInputException("input must be a JSON object with an \"orders\" array, an array"
                                                     + " of orders or an s3Payload pointer, not " + describe(root));
        }
        if (root.size() == 1 && root.has(PayloadPointer.FIELD)) {
            // The runtime's own reading of a pointer, so that what starts here is what a worker resolves.
            if (PayloadPointer.in(JSON.convertValue(root, Map.class)).isEmpty()) {
                throw new InvalidExecutionInputException("an s3Payload pointer needs a text \"bucket\" and \"key\"");
            }
            return input;
        }
        JsonNode orders = root.get("orders");
        if (orders == null) {
            throw new InvalidExecutionInputException("input has no \"orders\" array");
        }
        if (!orders.isArray()) {
            throw new InvalidExecutionInputException("\"orders\" must be an array, not " + describe(orders));
        }
        checkOrders(orders, "orders");
        return input;
    }

    private static void checkOrders(JsonNode orders, String name) throws InvalidExecutionInputException {
        for (int i = 0; i < orders.size(); i++) {
            if (!orders.get(i).isObject()) {
                throw new InvalidExecutionInputException(name + "[" + i + "] must be an object, not "
                                                         + describe(orders.get(i)));
            }
        }
    }

    private static JsonNode parse(String input) throws InvalidExecutionInputException {
        if (input == null || input.isBlank()) {
            throw new InvalidExecutionInputException("input is empty");
        }
        try {
            return JSON.readTree(input);
        } catch (JsonProcessingException e) {
            throw new InvalidExecutionInputException("input is not valid JSON: " + e.getOriginalMessage()
                                                     + (e.getLocation() == null ? "" : " at line "
                                                        + e.getLocation().getLineNr() + ", column "
                                                        + e.getLocation().getColumnNr()));
        }
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase();
        };
    }
}
