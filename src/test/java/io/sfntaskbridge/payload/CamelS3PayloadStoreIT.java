package io.sfntaskbridge.payload;

import java.nio.charset.StandardCharsets;

import io.sfntaskbridge.testsupport.InjectedFaults;
import io.sfntaskbridge.testsupport.LocalStack;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The S3 store through camel-aws2-s3 on LocalStack: writes once per content, reads back, names what is missing. */
class CamelS3PayloadStoreIT {

    private final String bucket = LocalStack.createBucket("store-it");
    private CamelContext camel;
    private CamelS3PayloadStore store;

    @BeforeEach
    void startCamel() {
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("s3Client", LocalStack.s3());
        camel.start();
        store = new CamelS3PayloadStore(camel);
    }

    @AfterEach
    void stopCamel() {
        camel.stop();
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theSameContentIsWrittenOnceAndNewContentReplacesIt() {
        byte[] first = json("{\"n\": 1}");
        byte[] second = json("{\"n\": 2}");
        InjectedFaults.reset();

        assertThat(store.put(bucket, "k.json", first, PayloadOffload.sha256(first))).isTrue();
        assertThat(store.put(bucket, "k.json", first, PayloadOffload.sha256(first))).as("already there").isFalse();
        assertThat(InjectedFaults.calls("PutObject")).isEqualTo(1);
        assertThat(store.get(bucket, "k.json")).isEqualTo(first);

        assertThat(store.put(bucket, "k.json", second, PayloadOffload.sha256(second))).isTrue();
        assertThat(store.get(bucket, "k.json")).isEqualTo(second);
        assertThat(LocalStack.s3().headObject(r -> r.bucket(bucket).key("k.json")).contentType())
                .isEqualTo("application/json");
    }

    @Test
    void aMissingObjectOrBucketIsNotFound() {
        assertThatThrownBy(() -> store.get(bucket, "never.json"))
                .isInstanceOfSatisfying(PayloadException.class, e -> assertThat(e.errorName())
                        .isEqualTo(PayloadException.NOT_FOUND))
                .hasMessage("s3://" + bucket + "/never.json does not exist");
        assertThatThrownBy(() -> store.get(bucket + "-gone", "k.json"))
                .isInstanceOfSatisfying(PayloadException.class, e -> assertThat(e.errorName())
                        .isEqualTo(PayloadException.NOT_FOUND))
                .hasMessageContaining("NoSuchBucket");
    }

    @Test
    void aWriteToAMissingBucketFailsNamingIt() {
        byte[] bytes = json("{}");

        assertThatThrownBy(() -> store.put(bucket + "-gone", "k.json", bytes, PayloadOffload.sha256(bytes)))
                .isInstanceOfSatisfying(PayloadException.class, e -> assertThat(e.errorName())
                        .isEqualTo(PayloadException.STORE_FAILED))
                .hasMessageStartingWith("s3://" + bucket + "-gone/k.json could not be");
    }

    @Test
    void anExistingBucketHasNoProblemAndAMissingOneIsNamedSo() {
        assertThat(store.bucketProblem(bucket)).isEmpty();
        assertThat(store.bucketProblem(bucket + "-gone")).contains("does not exist");
    }
}
