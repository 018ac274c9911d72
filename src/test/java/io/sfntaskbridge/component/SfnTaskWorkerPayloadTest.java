package io.sfntaskbridge.component;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfntaskbridge.payload.MemoryPayloadStore;
import io.sfntaskbridge.payload.PayloadException;
import io.sfntaskbridge.payload.PayloadOffload;
import io.sfntaskbridge.task.SfnTaskErrors;
import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.task.TaskTokens;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A worker with payload offload: large answers become pointers, pointer inputs are read before the work. */
class SfnTaskWorkerPayloadTest extends SfnTaskWorkerTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MemoryPayloadStore store = new MemoryPayloadStore();

    @Override
    protected void bindToRegistry(Registry registry) {
        super.bindToRegistry(registry);
        PayloadOffload offload = new PayloadOffload();
        offload.setStore(store);
        offload.setBucket("payloads");
        registry.bind("payloadOffload", offload);
    }

    @Test
    void anOutputOverTheThresholdIsStoredAndAnsweredAsItsPointer() throws Exception {
        assertThat(deliver("{\"big\": true}")).isEqualTo(SfnTaskOutcome.SUCCEEDED);

        String key = "offload/outputs/" + TaskTokens.hash(TOKEN) + ".json";
        Map<?, ?> answered = JSON.readValue(sfn.successes.get(0).output(), Map.class);
        assertThat(((Map<?, ?>) answered.get("s3Payload")).get("key")).isEqualTo(key);
        assertThat(JSON.readValue(store.objects.get("payloads/" + key), Map.class))
                .isEqualTo(Map.of("blob", "x".repeat(300_000)));
        assertThat(ledger.calls).as("nothing large in the ledger").containsExactly("claim", "close SUCCEEDED");
    }

    @Test
    void aPointerInputIsReadBeforeTheWorkAndTheRouteSeesThePayload() {
        byte[] payload = "{\"fail\": \"argument\"}".getBytes(StandardCharsets.UTF_8);
        store.put("in", "orders/9.json", payload, PayloadOffload.sha256(payload));

        assertThat(deliver("{\"s3Payload\": {\"bucket\": \"in\", \"key\": \"orders/9.json\"}}"))
                .isEqualTo(SfnTaskOutcome.FAILED);
        assertThat(work).hasValue(1);
        assertThat(sfn.failures).singleElement().satisfies(failure -> assertThat(failure.error())
                .as("the route threw for the payload's field").isEqualTo(SfnTaskErrors.INVALID_INPUT));
    }

    @Test
    void aPointerToAMissingObjectFailsTheTaskWithANamedErrorWithoutTheWork() {
        assertThat(deliver("{\"s3Payload\": {\"bucket\": \"in\", \"key\": \"orders/gone.json\"}}"))
                .isEqualTo(SfnTaskOutcome.FAILED);
        assertThat(work).hasValue(0);
        assertThat(sfn.failures).singleElement().satisfies(failure -> {
            assertThat(failure.error()).isEqualTo(PayloadException.NOT_FOUND);
            assertThat(failure.cause()).isEqualTo("s3://in/orders/gone.json does not exist");
        });
    }
}
