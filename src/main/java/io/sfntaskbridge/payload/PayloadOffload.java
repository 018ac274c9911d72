package io.sfntaskbridge.payload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payloads past Step Functions' 256 KiB, through S3 (the Claim Check pattern): an answer over
 * {@code thresholdBytes} is stored and answered as its {@link PayloadPointer}; an execution input over the limit is
 * stored and the execution starts with its pointer; a pointer input is read back before the work. Keys are derived
 * from the payload's owner, so a retry writes the same object once: {@code <keyPrefix>outputs/<token SHA-256>.json}
 * and {@code <keyPrefix>inputs/<payload SHA-256>.json}. Without a {@code bucket} nothing is stored (answers over the
 * answer limit fail with Bridge.OutputTooLarge, as before), but pointers are still resolved.
 * <p>
 * The runtime binds one as {@code payloadOffload} from the {@code bridge.payload.*} keys; the {@code sfn-task}
 * endpoints autowire it, and {@code routes/start-execution.camel.yaml} calls {@link #offloadExecutionInput}.
 */
public class PayloadOffload {

    /** Step Functions refuses an execution input or task output over 256 KiB of UTF-8. */
    public static final int STEP_FUNCTIONS_LIMIT = 262144;
    /** A little under the limit: an output is merged into the state's data (ResultPath), which has the same limit. */
    public static final int DEFAULT_THRESHOLD_BYTES = 204800;

    private static final Logger LOG = LoggerFactory.getLogger(PayloadOffload.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private PayloadStore store;
    private PayloadEvents events = PayloadEvents.NONE;
    private String bucket = "";
    private String keyPrefix = "offload/";
    private int thresholdBytes = DEFAULT_THRESHOLD_BYTES;

    /** Whether payloads are stored: a bucket and a store are set. */
    public boolean isEnabled() {
        return store != null && !bucket.isBlank();
    }

    /**
     * @param tokenHash the task token's SHA-256, the object's key; asked for only when the output is stored
     * @return the pointer's JSON to answer instead of {@code output}, or empty when the output stays as it is (at
     *         most thresholdBytes, or offload off)
     * @throws PayloadException ({@link PayloadException#STORE_FAILED}) when it cannot be stored
     */
    public Optional<String> offloadOutput(String routeId, Supplier<String> tokenHash, byte[] output) {
        if (!isEnabled() || output.length <= thresholdBytes) {
            return Optional.empty();
        }
        PayloadPointer pointer = store("outputs/" + tokenHash.get() + ".json", output, sha256(output));
        events.offloaded(routeId, "output", output.length);
        LOG.debug("Output of {} bytes stored as {}; answering its pointer", output.length, pointer.uri());
        return Optional.of(pointer.toJson());
    }

    /**
     * The execution input as it is when Step Functions takes it; over {@value #STEP_FUNCTIONS_LIMIT} bytes, stored
     * in S3 and replaced by its pointer, with one line saying so.
     *
     * @throws PayloadTooLargeException when it is over the limit and no bucket is set
     */
    public String offloadExecutionInput(String input) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= STEP_FUNCTIONS_LIMIT) {
            return input;
        }
        if (!isEnabled()) {
            throw new PayloadTooLargeException("execution input is " + bytes.length + " bytes, over Step Functions'"
                    + " limit of " + STEP_FUNCTIONS_LIMIT + "; set bridge.payload.bucket to start it with its input in S3");
        }
        String sha256 = sha256(bytes);
        PayloadPointer pointer = store("inputs/" + sha256 + ".json", bytes, sha256);
        events.offloaded("start-execution", "execution-input", bytes.length);
        LOG.info("Execution input of {} bytes is over Step Functions' limit of {}: stored as {}; the execution starts"
                 + " with its pointer", bytes.length, STEP_FUNCTIONS_LIMIT, pointer.uri());
        return pointer.toJson();
    }

    /**
     * The input as it is, or, when it is a {@link PayloadPointer}, the JSON payload the pointer names (a Map, a List
     * or a value), checked against the pointer's size and SHA-256.
     *
     * @throws PayloadException {@link PayloadException#NOT_FOUND} or {@link PayloadException#UNREADABLE}
     */
    public Object resolve(String routeId, Object input) {
        Optional<PayloadPointer> found = PayloadPointer.in(input);
        if (found.isEmpty()) {
            return input;
        }
        PayloadPointer pointer = found.get();
        if (store == null) {
            throw new PayloadException(PayloadException.UNREADABLE, "input is a pointer to " + pointer.uri()
                                                                    + ", and no payload store is configured", null);
        }
        byte[] bytes = store.get(pointer.bucket(), pointer.key());
        if (pointer.size() >= 0 && pointer.size() != bytes.length) {
            throw unreadable(pointer, "it is " + bytes.length + " bytes, the pointer says " + pointer.size(), null);
        }
        if (pointer.sha256() != null && !pointer.sha256().equalsIgnoreCase(sha256(bytes))) {
            throw unreadable(pointer, "its SHA-256 is not the pointer's", null);
        }
        Object payload;
        try {
            payload = JSON.readValue(bytes, Object.class);
        } catch (IOException e) {
            throw unreadable(pointer, "it is not JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        events.resolved(routeId, bytes.length);
        LOG.debug("Input read from {} ({} bytes)", pointer.uri(), bytes.length);
        return payload;
    }

    private PayloadPointer store(String name, byte[] bytes, String sha256) {
        PayloadPointer pointer = new PayloadPointer(bucket, keyPrefix + name, bytes.length, sha256);
        store.put(pointer.bucket(), pointer.key(), bytes, sha256);
        return pointer;
    }

    private static PayloadException unreadable(PayloadPointer pointer, String why, Throwable cause) {
        return new PayloadException(PayloadException.UNREADABLE, "payload " + pointer.uri() + " is unreadable: " + why,
                cause);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public PayloadStore getStore() {
        return store;
    }

    /** Where payloads are kept; the runtime's is S3 through camel-aws2-s3 ({@link CamelS3PayloadStore}). */
    public void setStore(PayloadStore store) {
        this.store = store;
    }

    public PayloadEvents getEvents() {
        return events;
    }

    /** Told of every offload and resolution (the runtime's metrics). */
    public void setEvents(PayloadEvents events) {
        this.events = events == null ? PayloadEvents.NONE : events;
    }

    public String getBucket() {
        return bucket;
    }

    /** The bucket payloads are stored in; empty = none is stored (pointers are still read). */
    public void setBucket(String bucket) {
        this.bucket = bucket == null ? "" : bucket.strip();
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    /** The start of every key written, e.g. "offload/"; provisioning's expiry rule covers this prefix. */
    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix == null ? "" : keyPrefix.strip();
    }

    public int getThresholdBytes() {
        return thresholdBytes;
    }

    /** An answer over this many bytes of UTF-8 is stored and answered as a pointer. */
    public void setThresholdBytes(int thresholdBytes) {
        this.thresholdBytes = thresholdBytes;
    }
}
