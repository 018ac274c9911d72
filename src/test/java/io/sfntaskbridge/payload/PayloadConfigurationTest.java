package io.sfntaskbridge.payload;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadConfigurationTest {

    @Test
    void aBucketThatCannotTakePayloadsIsOneLineNamingTheKeyAndWhatFails() {
        PayloadOffload payloads = offload(new PayloadStore() {
            @Override
            public boolean put(String bucket, String key, byte[] bytes, String sha256) {
                throw new UnsupportedOperationException();
            }

            @Override
            public byte[] get(String bucket, String key) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<String> bucketProblem(String bucket) {
                return Optional.of(bucket.equals("payloads-1") ? "does not exist" : "asked for " + bucket);
            }
        });

        assertThat(PayloadConfiguration.bucketWarning(payloads)).contains("Payload bucket s3://payloads-1 "
                + "(bridge.payload.bucket) does not exist: until that is fixed, answers over 1000 bytes fail with "
                + "Bridge.PayloadStoreFailed and execution inputs over 262144 bytes cannot start");
    }

    @Test
    void aBucketThatTakesPayloadsGivesNoLine() {
        assertThat(PayloadConfiguration.bucketWarning(offload(new MemoryPayloadStore()))).isEmpty();
    }

    private static PayloadOffload offload(PayloadStore store) {
        PayloadOffload payloads = new PayloadOffload();
        payloads.setBucket("payloads-1");
        payloads.setThresholdBytes(1000);
        payloads.setStore(store);
        return payloads;
    }
}
