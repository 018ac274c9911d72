package io.sfntaskbridge.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.sfntaskbridge.provision.ProvisionSettings;
import io.sfntaskbridge.provision.ProvisionSettings.S3Sample;
import io.sfntaskbridge.provision.ProvisionSummary;
import io.sfntaskbridge.provision.Provisioner;
import io.sfntaskbridge.testsupport.LocalStack;
import io.sfntaskbridge.testsupport.RuntimeProcess;
import io.sfntaskbridge.testsupport.TestWorkflows;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.MapRunItemCounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The S3 sample end to end: provisioning creates its bucket and state machine on this scenario's own work queue; a
 * JSON array of 2000 orders, each needing enrichment, is uploaded to the bucket; one execution started with its S3
 * pointer reads them with the Distributed Map's ItemReader and hands each to the shipped queue worker, whose test
 * enrichment calls the counting backend once per task. LocalStack 4.9.2 runs about 25 such children a second, so this
 * takes about 90 s; it keeps no per-child history, and its ResultWriter writes only a manifest that lists no result
 * files, so the evidence per order is the backend's count, the runtime's answers and the map run's item counts.
 */
class S3SampleWorkflowIT extends FaultScenario {

    private static final int ORDERS = 2000;
    /** After the execution starts: one "Task outcome" line per order, and a few of slack. */
    private static final long LOG_BOUND = ORDERS + 10;

    @Test
    void twoThousandOrdersReadFromS3AreEachWorkedOnceAndTheResultWriterReportsItsManifest() throws Exception {
        String machineName = LocalStack.uniqueName("S3SampleWorkflowIT");
        ProvisionSettings settings = TestWorkflows.withS3Sample(new ProvisionSettings(workflow.queueName(),
                workflow.dlqName(), 5, 60, machineName, TestWorkflows.ORDER_ENRICHMENT, TestWorkflows.ROLE_ARN, 50,
                heartbeatSeconds(), taskTimeoutSeconds(), Optional.empty(), Optional.empty()), 1, 10);
        S3Sample sample = settings.s3Sample().orElseThrow();
        ProvisionSummary summary = new Provisioner(LocalStack.sqs(), LocalStack.sfn(), LocalStack.s3())
                .provision(settings);
        assertThat(summary.workQueueUrl()).as("the scenario's own queue").isEqualTo(workflow.queueUrl());
        List<String> ids = taskIds("s3", ORDERS);
        String key = "samples/it-orders-" + ORDERS + ".json";
        LocalStack.s3().putObject(request -> request.bucket(sample.bucket()).key(key),
                RequestBody.fromBytes(JSON.writeValueAsBytes(orders(ids))));

        RuntimeProcess runtime = startRuntime("s3", Map.of("BRIDGE_WORKER_CONCURRENCY", "10"));
        long before = runtime.logLines();
        String arn = LocalStack.sfn().startExecution(request -> request
                .stateMachineArn(summary.s3SampleStateMachineArn().orElseThrow())
                .input("{\"s3Payload\": {\"bucket\": \"" + sample.bucket() + "\", \"key\": \"" + key + "\"}}"))
                .executionArn();
        DescribeExecutionResponse execution = awaitEnded(List.of(arn), Duration.ofMinutes(6)).get(0);

        assertThat(execution.status()).as("%s %s", execution.error(), execution.cause())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(backend.taskIdsCalledMoreThanOnce()).as("orders worked twice").isEmpty();
        assertCalledOncePerToken(ids);
        assertQueuesEmpty(Duration.ofSeconds(30));
        assertThat(count(runtime, "Task outcome: SUCCEEDED")).as("answers sent").isEqualTo(ORDERS);
        assertThat(count(runtime, "answer again")).as("stored answers sent again").isZero();

        JsonNode output = JSON.readTree(execution.output());
        String mapRunArn = output.path("MapRunArn").asText();
        MapRunItemCounts items = LocalStack.sfn().describeMapRun(request -> request.mapRunArn(mapRunArn)).itemCounts();
        assertThat(items.total()).as("items the ItemReader read").isEqualTo(ORDERS);
        assertThat(items.succeeded()).isEqualTo(ORDERS);
        assertThat(items.failed()).isZero();
        JsonNode written = output.path("ResultWriterDetails");
        assertThat(written.path("Bucket").asText()).isEqualTo(sample.bucket());
        assertThat(written.path("Key").asText()).startsWith("results/").endsWith("/manifest.json");
        JsonNode manifest = JSON.readTree(LocalStack.s3().getObjectAsBytes(request -> request
                .bucket(sample.bucket()).key(written.path("Key").asText())).asByteArray());
        assertThat(manifest.path("MapRunArn").asText()).isEqualTo(mapRunArn);
        assertThat(manifest.path("DestinationBucket").asText()).isEqualTo(sample.bucket());
        assertQuietLog(runtime, before, LOG_BOUND);
    }

    /** {@code {"orderId", "taskId", "needsEnrichment": true}}: the backend counts calls by taskId. */
    private static List<Map<String, Object>> orders(List<String> ids) {
        List<Map<String, Object>> orders = new ArrayList<>();
        for (String id : ids) {
            Map<String, Object> order = new LinkedHashMap<>();
            order.put("orderId", id);
            order.put("taskId", id);
            order.put("needsEnrichment", true);
            orders.add(order);
        }
        return orders;
    }

    private static long count(RuntimeProcess runtime, String text) {
        return runtime.stdout().lines().filter(line -> line.contains(text)).count();
    }
}
