package io.sfntaskbridge.payload;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadOffloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HASH = "a".repeat(64);

    private final MemoryPayloadStore store = new MemoryPayloadStore();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final PayloadOffload offload = new PayloadOffload();

    PayloadOffloadTest() {
        offload.setStore(store);
        offload.setBucket("payloads");
        offload.setThresholdBytes(100);
        offload.setEvents(new PayloadEvents() {
            @Override
            public void offloaded(String routeId, String kind, long bytes) {
                events.add("offloaded " + routeId + " " + kind + " " + bytes);
            }

            @Override
            public void resolved(String routeId, long bytes) {
                events.add("resolved " + routeId + " " + bytes);
            }
        });
    }

    private static byte[] json(int bytes) {
        return ("\"" + "x".repeat(bytes - 2) + "\"").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anOutputUpToTheThresholdStaysAsItIs() {
        assertThat(offload.offloadOutput("w", () -> HASH, json(100))).isEmpty();
        assertThat(store.writes).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void aLargerOutputIsStoredUnderItsTokenAndAnsweredAsItsPointer() throws Exception {
        byte[] output = json(101);

        String pointer = offload.offloadOutput("w", () -> HASH, output).orElseThrow();

        String key = "offload/outputs/" + HASH + ".json";
        assertThat(JSON.readValue(pointer, Map.class)).isEqualTo(Map.of("s3Payload", Map.of("bucket", "payloads",
                "key", key, "size", 101, "sha256", PayloadOffload.sha256(output))));
        assertThat(store.objects.get("payloads/" + key)).isEqualTo(output);
        assertThat(events).containsExactly("offloaded w output 101");
    }

    @Test
    void theSameOutputOfTheSameTaskIsWrittenOnceAndAnsweredWithTheSamePointer() {
        String first = offload.offloadOutput("w", () -> HASH, json(300)).orElseThrow();
        String again = offload.offloadOutput("w", () -> HASH, json(300)).orElseThrow();

        assertThat(again).isEqualTo(first);
        assertThat(store.writes).hasSize(1);
    }

    @Test
    void withoutABucketNothingIsStored() {
        offload.setBucket(" ");

        assertThat(offload.isEnabled()).isFalse();
        assertThat(offload.offloadOutput("w", () -> HASH, json(1000))).isEmpty();
        assertThat(store.writes).isEmpty();
    }

    @Test
    void anExecutionInputIsStoredOnlyOverStepFunctionsLimitAndByItsContent() throws Exception {
        String small = new String(json(PayloadOffload.STEP_FUNCTIONS_LIMIT), StandardCharsets.UTF_8);
        assertThat(offload.offloadExecutionInput(small)).isSameAs(small);

        String large = new String(json(PayloadOffload.STEP_FUNCTIONS_LIMIT + 1), StandardCharsets.UTF_8);
        Map<?, ?> pointer = (Map<?, ?>) JSON.readValue(offload.offloadExecutionInput(large), Map.class).get("s3Payload");

        String sha256 = PayloadOffload.sha256(large.getBytes(StandardCharsets.UTF_8));
        assertThat(pointer.get("key")).isEqualTo("offload/inputs/" + sha256 + ".json");
        assertThat(store.objects.get("payloads/offload/inputs/" + sha256 + ".json"))
                .isEqualTo(large.getBytes(StandardCharsets.UTF_8));
        assertThat(events).containsExactly("offloaded start-execution execution-input " + (PayloadOffload.STEP_FUNCTIONS_LIMIT + 1));
    }

    @Test
    void anExecutionInputOverTheLimitWithoutABucketIsRefusedNamingTheSetting() {
        offload.setBucket("");
        String large = new String(json(PayloadOffload.STEP_FUNCTIONS_LIMIT + 1), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> offload.offloadExecutionInput(large)).isInstanceOf(PayloadTooLargeException.class)
                .hasMessage("execution input is 262145 bytes, over Step Functions' limit of 262144; set"
                            + " bridge.payload.bucket to start it with its input in S3");
    }

    @Test
    void aPointerInputIsReadBackCheckedAndParsed() {
        byte[] order = "{\"orderId\": \"o-1\", \"lines\": [1, 2]}".getBytes(StandardCharsets.UTF_8);
        store.put("elsewhere", "in/o-1.json", order, PayloadOffload.sha256(order));
        Map<String, Object> pointer = new PayloadPointer("elsewhere", "in/o-1.json", order.length,
                PayloadOffload.sha256(order)).toMap();

        assertThat(offload.resolve("w", pointer)).isEqualTo(Map.of("orderId", "o-1", "lines", List.of(1, 2)));
        assertThat(events).containsExactly("resolved w " + order.length);
    }

    @Test
    void anOrdinaryInputIsPassedOnAsItIs() {
        Map<String, Object> input = Map.of("orderId", "o-1");

        assertThat(offload.resolve("w", input)).isSameAs(input);
    }

    @Test
    void aPointerThatDoesNotMatchItsObjectIsUnreadable() {
        byte[] order = "{\"orderId\": \"o-1\"}".getBytes(StandardCharsets.UTF_8);
        store.put("b", "k", order, PayloadOffload.sha256(order));

        assertThatThrownBy(() -> offload.resolve("w", new PayloadPointer("b", "k", 5, null).toMap()))
                .isInstanceOfSatisfying(PayloadException.class, e -> assertThat(e.errorName())
                        .isEqualTo(PayloadException.UNREADABLE)).hasMessageContaining("the pointer says 5");
        assertThatThrownBy(() -> offload.resolve("w", new PayloadPointer("b", "k", -1, "00").toMap()))
                .isInstanceOfSatisfying(PayloadException.class, e -> assertThat(e.errorName())
                        .isEqualTo(PayloadException.UNREADABLE)).hasMessageContaining("SHA-256");
        byte[] text = "not json".getBytes(StandardCharsets.UTF_8);
        store.put("b", "t", text, PayloadOffload.sha256(text));
        assertThatThrownBy(() -> offload.resolve("w", new PayloadPointer("b", "t", -1, null).toMap()))
                .isInstanceOfSatisfying(PayloadException.class, e -> assertThat(e.errorName())
                        .isEqualTo(PayloadException.UNREADABLE)).hasMessageContaining("not JSON");
        assertThat(events).isEmpty();
    }

    @Test
    void aPointerToNothingIsNotFound() {
        assertThatThrownBy(() -> offload.resolve("w", new PayloadPointer("b", "gone", -1, null).toMap()))
                .isInstanceOfSatisfying(PayloadException.class, e -> assertThat(e.errorName())
                        .isEqualTo(PayloadException.NOT_FOUND));
    }
}
