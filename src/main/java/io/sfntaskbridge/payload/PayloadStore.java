package io.sfntaskbridge.payload;

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
}
