package io.sfntaskbridge.payload;

import java.util.Optional;

/** Keeps payloads as objects: S3 ({@link CamelS3PayloadStore}), or anything with the same contract. */
public interface PayloadStore {

    /**
     * Writes {@code bytes} as {@code bucket/key} (JSON), unless an object is there with the same SHA-256 already:
     * a retry writes nothing new.
     *
     * @return true when written, false when it was there already
     * @throws PayloadException ({@link PayloadException#STORE_FAILED}) when it cannot be written
     */
    boolean put(String bucket, String key, byte[] bytes, String sha256);

    /**
     * @throws PayloadException {@link PayloadException#NOT_FOUND} when there is no such object,
     *                          {@link PayloadException#UNREADABLE} when it cannot be read
     */
    byte[] get(String bucket, String key);

    /**
     * Why payloads cannot go to {@code bucket} now (it does not exist, access is refused, the store is unreachable),
     * or empty when they can; checked once at startup, for one line.
     */
    default Optional<String> bucketProblem(String bucket) {
        return Optional.empty();
    }
}
