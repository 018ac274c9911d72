package io.sfntaskbridge.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.sfntaskbridge.testsupport.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@code BridgeMain ... provision} as an operator would, in its own JVM, and judges exit code and output. */
class ProvisionCommandIT {

    @TempDir
    Path dir;

    @Test
    void provisionsAgainstTheConfiguredEndpointAndExitsZero() throws Exception {
        String name = LocalStack.uniqueName("provision-command");
        Path config = config(name, "statemachines/order-enrichment.asl.json");

        Result first = provision(config);
        Result second = provision(config);

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.stdout()).anySatisfy(line -> assertThat(line)
                .matches("state machine +created +" + name + " +arn:aws:states:us-east-1:\\d+:stateMachine:" + name));
        assertThat(first.stdout()).anySatisfy(line -> assertThat(line).contains("work queue").contains("created")
                .contains("/" + name + "-work"));
        assertThat(first.stdout()).anySatisfy(line -> assertThat(line).matches("activity +created +" + name
                + "-orders +arn:aws:states:us-east-1:\\d+:activity:" + name + "-orders"));
        assertThat(first.stdout()).anySatisfy(line -> assertThat(line).matches("state machine +created +" + name
                + "-activity +arn:aws:states:us-east-1:\\d+:stateMachine:" + name + "-activity"));
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.stdout()).anySatisfy(line -> assertThat(line).matches("state machine +updated +" + name
                                                                                + " .*"));
        assertThat(second.stdout()).anySatisfy(line -> assertThat(line).matches("activity +updated +" + name
                                                                                + "-orders .*"));
        assertThat(second.stdout()).anySatisfy(line -> assertThat(line).matches("state machine +updated +" + name
                                                                                + "-activity .*"));
        assertThat(LocalStack.sfn().listStateMachinesPaginator(request -> { }).stateMachines().stream()
                .filter(machine -> machine.name().equals(name))).hasSize(1);
    }

    @Test
    void payloadBucketProvisionsTheS3SampleThroughTheRuntimesS3Client() throws Exception {
        String name = LocalStack.uniqueName("provision-command-s3");
        Path config = config(name, "statemachines/order-enrichment.asl.json");
        // Only the bucket, the count and the name: the other S3 sample keys keep their defaults.
        Files.writeString(config, String.join("\n", "bridge.payload.bucket = " + name,
                "bridge.payload.sample-items = 20", "bridge.s3sample.statemachine.name = " + name + "-s3", ""),
                StandardOpenOption.APPEND);

        Result first = provision(config);
        Result second = provision(config);

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.stdout()).anySatisfy(line -> assertThat(line)
                .matches("bucket +created +" + name + "  s3://" + name));
        assertThat(first.stdout()).anySatisfy(line -> assertThat(line)
                .matches("expiry rule +created +sfn-task-bridge-payload-expiry  offload/\\* after 30 days"));
        assertThat(first.stdout()).anySatisfy(line -> assertThat(line).matches("sample items +created +"
                + "samples/orders-20.json  s3://" + name + "/samples/orders-20.json"));
        assertThat(first.stdout()).anySatisfy(line -> assertThat(line).matches("state machine +created +" + name
                + "-s3 +arn:aws:states:us-east-1:\\d+:stateMachine:" + name + "-s3"));
        assertThat(first.stdout()).anySatisfy(line -> assertThat(line).startsWith("s3 sample input   {\"s3Payload\":"
                + "{\"bucket\":\"" + name + "\",\"key\":\"samples/orders-20.json\",\"size\":"));
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.stdout()).anySatisfy(line -> assertThat(line).matches("bucket +updated +" + name + " .*"));
        assertThat(second.stdout()).anySatisfy(line -> assertThat(line).matches("sample items +updated .*"));
        assertThat(second.stdout()).anySatisfy(line -> assertThat(line).matches("state machine +updated +" + name
                                                                                + "-s3 .*"));
        assertThat(LocalStack.s3().headObject(request -> request.bucket(name).key("samples/orders-20.json"))
                .contentLength()).isPositive();
    }

    @Test
    void missingTemplateIsOneLineOnStderrAndNonZeroExit() throws Exception {
        Path config = config(LocalStack.uniqueName("provision-missing"), "statemachines/no-such.asl.json");

        Result result = provision(config);

        assertThat(result.exitCode()).isEqualTo(BridgeMain.EXIT_STARTUP_FAILED);
        assertThat(result.stderr()).singleElement().asString()
                .startsWith("sfn-task-bridge: provision failed: state machine definition not found: ")
                .contains("no-such.asl.json");
    }

    @Test
    void onStartupOptionProvisionsBeforeTheRuntimeRuns() throws Exception {
        String name = LocalStack.uniqueName("provision-startup");
        Path config = config(name, "statemachines/order-enrichment.asl.json");
        Files.writeString(config, String.join("\n", "bridge.provision.on-startup = true",
                "camel.main.routes-include-pattern = classpath:no-yaml-routes/*.yaml",
                "camel.main.duration-max-seconds = 1", ""), StandardOpenOption.APPEND);

        Result result = run("--config", config.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).anySatisfy(line -> assertThat(line)
                .matches(".*Provisioned state machine +created +" + name + " .*"));
        assertThat(LocalStack.sqs().getQueueUrl(request -> request.queueName(name + "-work")).queueUrl())
                .endsWith("/" + name + "-work");
    }

    private Path config(String name, String definition) throws IOException {
        Path config = dir.resolve(name + ".properties");
        Files.writeString(config, String.join("\n",
                "bridge.aws.region = " + LocalStack.REGION,
                "bridge.aws.endpoint = " + LocalStack.endpoint(),
                "bridge.aws.account-id = 000000000000",
                "bridge.worker.queue-name = " + name + "-work",
                "bridge.worker.dlq-name = " + name + "-dlq",
                "bridge.worker.max-receive-count = 3",
                "bridge.worker.visibility-timeout-seconds = 60",
                "bridge.statemachine.name = " + name,
                "bridge.statemachine.definition = " + definition,
                "bridge.statemachine.role-arn = arn:aws:iam::{{bridge.aws.account-id}}:role/sfn-task-bridge",
                "bridge.statemachine.map-max-concurrency = 10",
                "bridge.statemachine.heartbeat-seconds = 60",
                "bridge.statemachine.timeout-seconds = 900",
                "bridge.activity.provision = true",
                "bridge.activity.name = " + name + "-orders",
                "bridge.activity.statemachine.name = " + name + "-activity",
                "bridge.activity.statemachine.definition = statemachines/order-enrichment-activity.asl.json",
                "bridge.activity.heartbeat-seconds = 60",
                ""));
        return config;
    }

    private static Result provision(Path config) throws Exception {
        return run("--config", config.toString(), "provision");
    }

    private static Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Daws.accessKeyId=test", "-Daws.secretAccessKey=test",
                "-cp", System.getProperty("java.class.path"), BridgeMain.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        // Read both streams fully before waiting, so a full pipe buffer cannot block the child.
        var stderr = CompletableFuture.supplyAsync(() -> lines(process.getErrorStream()));
        List<String> stdout = lines(process.getInputStream());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("provision finished").isTrue();
        return new Result(process.exitValue(), stdout, stderr.get());
    }

    private static List<String> lines(InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Result(int exitCode, List<String> stdout, List<String> stderr) {
    }
}
