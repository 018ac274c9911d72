package io.sfntaskbridge.payload;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Where a payload too large for Step Functions is kept instead (the Claim Check pattern): an S3 object, its size and
 * the SHA-256 of its bytes. As JSON, the whole task output or execution input is this one field:
 * <pre>{"s3Payload": {"bucket": "my-bucket", "key": "offload/outputs/3f2a....json", "size": 1048576, "sha256": "9b1c..."}}</pre>
 * {@code size} and {@code sha256} are checked when the payload is read back, if present; a workflow step may write
 * a pointer with only {@code bucket} and {@code key}.
 */
public record PayloadPointer(String bucket, String key, long size, String sha256) {

    /** The one field of a pointer. */
    public static final String FIELD = "s3Payload";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** As the map that renders to the JSON above. */
    public Map<String, Object> toMap() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("bucket", bucket);
        fields.put("key", key);
        fields.put("size", size);
        fields.put("sha256", sha256);
        return Map.of(FIELD, fields);
    }

    /** The JSON above, as it goes to Step Functions. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(toMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a pointer always renders", e);
        }
    }

    public String uri() {
        return "s3://" + bucket + "/" + key;
    }

    /**
     * The pointer that {@code input} is: a map with the single field {@value #FIELD}, itself a map with a text
     * {@code bucket} and {@code key}. Anything else is an ordinary payload (empty).
     */
    public static Optional<PayloadPointer> in(Object input) {
        if (!(input instanceof Map<?, ?> outer) || outer.size() != 1
            || !(outer.get(FIELD) instanceof Map<?, ?> fields)) {
            return Optional.empty();
        }
        if (!(fields.get("bucket") instanceof String bucket) || bucket.isBlank()
            || !(fields.get("key") instanceof String key) || key.isBlank()) {
            return Optional.empty();
        }
        long size = fields.get("size") instanceof Number number ? number.longValue() : -1;
        String sha256 = fields.get("sha256") instanceof String text && !text.isBlank() ? text : null;
        return Optional.of(new PayloadPointer(bucket, key, size, sha256));
    }
}
