package io.sfntaskbridge.payload;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link PayloadStore} in memory for unit tests: the objects, and every put that wrote. */
public final class MemoryPayloadStore implements PayloadStore {

    public final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    public final List<String> writes = new CopyOnWriteArrayList<>();
    private final Map<String, String> sha256s = new ConcurrentHashMap<>();

    @Override
    public boolean put(String bucket, String key, byte[] bytes, String sha256) {
        String name = bucket + "/" + key;
        if (sha256.equals(sha256s.get(name))) {
            return false;
        }
        objects.put(name, bytes.clone());
        sha256s.put(name, sha256);
        writes.add(name);
        return true;
    }

    @Override
    public byte[] get(String bucket, String key) {
        byte[] bytes = objects.get(bucket + "/" + key);
        if (bytes == null) {
            throw new PayloadException(PayloadException.NOT_FOUND, "s3://" + bucket + "/" + key + " does not exist",
                    null);
        }
        return bytes.clone();
    }
}
