package io.sfntaskbridge.payload;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadPointerTest {

    @Test
    void aMapWithTheOneFieldIsAPointer() {
        Object input = Map.of("s3Payload", Map.of("bucket", "b", "key", "k/1.json", "size", 12, "sha256", "ab"));

        assertThat(PayloadPointer.in(input)).contains(new PayloadPointer("b", "k/1.json", 12, "ab"));
    }

    @Test
    void sizeAndSha256AreOptional() {
        assertThat(PayloadPointer.in(Map.of("s3Payload", Map.of("bucket", "b", "key", "k"))))
                .contains(new PayloadPointer("b", "k", -1, null));
    }

    @Test
    void anythingElseIsAnOrdinaryPayload() {
        assertThat(PayloadPointer.in(Map.of("s3Payload", Map.of("bucket", "b", "key", "k"), "orderId", "o-1")))
                .as("a field beside it").isEmpty();
        assertThat(PayloadPointer.in(Map.of("s3Payload", Map.of("bucket", "b")))).as("no key").isEmpty();
        assertThat(PayloadPointer.in(Map.of("s3Payload", Map.of("bucket", " ", "key", "k")))).as("blank").isEmpty();
        assertThat(PayloadPointer.in(Map.of("s3Payload", "s3://b/k"))).as("not an object").isEmpty();
        assertThat(PayloadPointer.in(List.of(1, 2))).isEmpty();
        assertThat(PayloadPointer.in(null)).isEmpty();
    }

    @Test
    void itRendersAsTheDocumentedShape() {
        assertThat(new PayloadPointer("b", "k", 3, "ff").toMap())
                .isEqualTo(Map.of("s3Payload", Map.of("bucket", "b", "key", "k", "size", 3L, "sha256", "ff")));
        assertThat(new PayloadPointer("b", "k", 3, "ff").uri()).isEqualTo("s3://b/k");
    }
}
