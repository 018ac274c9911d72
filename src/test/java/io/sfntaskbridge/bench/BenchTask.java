package io.sfntaskbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One task for the benchmark: its id (from the execution input) and the envelope to put on the work queue. */
record BenchTask(String id, String envelope) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static BenchTask of(String envelope) {
        try {
            JsonNode node = JSON.readTree(envelope);
            return new BenchTask(node.path("input").path("id").asText(), envelope);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a task envelope: " + envelope, e);
        }
    }

    static String tokenOf(String envelope) {
        try {
            return JSON.readTree(envelope).path("taskToken").asText();
        } catch (Exception e) {
            throw new IllegalArgumentException("not a task envelope: " + envelope, e);
        }
    }
}
