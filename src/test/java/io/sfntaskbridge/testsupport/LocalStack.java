package io.sfntaskbridge.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The emulator every integration test talks to, found once per JVM:
 * <ol>
 * <li>{@value #ENDPOINT_VARIABLE} (environment variable or system property), when set: that endpoint, which must be
 * healthy;</li>
 * <li>otherwise, when a Docker engine answers: a Testcontainers {@link LocalStackContainer} of {@value #IMAGE};</li>
 * <li>otherwise a LocalStack already running on {@value #DEFAULT_ENDPOINT}, as {@code scripts/localstack.sh start}
 * leaves it.</li>
 * </ol>
 * With none of these the tests fail, with instructions; they never skip, because a skipped integration test reads as
 * a green build.
 */
public final class LocalStack {

    public static final String ENDPOINT_VARIABLE = "LOCALSTACK_ENDPOINT";
    public static final String REGION = "us-east-1";
    static final String IMAGE = "localstack/localstack:4.9.2";
    static final String DEFAULT_ENDPOINT = "http://localhost:4566";

    private static URI endpoint;
    private static SqsClient sqs;
    private static SfnClient sfn;
    private static S3Client s3;

    private LocalStack() {
    }

    public static synchronized URI endpoint() {
        if (endpoint == null) {
            endpoint = locate();
        }
        return endpoint;
    }

    public static synchronized SqsClient sqs() {
        if (sqs == null) {
            sqs = SqsClient.builder().region(Region.of(REGION)).endpointOverride(endpoint()).build();
        }
        return sqs;
    }

    public static synchronized SfnClient sfn() {
        if (sfn == null) {
            sfn = SfnClient.builder().region(Region.of(REGION)).endpointOverride(endpoint()).build();
        }
        return sfn;
    }

    /** Path-style, as the runtime's own client behind an endpoint override. */
    public static synchronized S3Client s3() {
        if (s3 == null) {
            s3 = S3Client.builder().region(Region.of(REGION)).endpointOverride(endpoint()).forcePathStyle(true).build();
        }
        return s3;
    }

    /** A new bucket of a name no other test run uses (S3 names: lower case). */
    public static String createBucket(String prefix) {
        String bucket = uniqueName(prefix).toLowerCase(java.util.Locale.ROOT);
        s3().createBucket(r -> r.bucket(bucket));
        return bucket;
    }

    /** A name no other test run uses, so tests never see each other's queues or state machines. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static URI locate() {
        String configured = System.getProperty(ENDPOINT_VARIABLE, System.getenv(ENDPOINT_VARIABLE));
        if (configured != null && !configured.isBlank()) {
            URI uri = URI.create(configured.strip());
            String problem = healthProblem(uri);
            if (problem != null) {
                throw new IllegalStateException(ENDPOINT_VARIABLE + "=" + uri + " but " + problem + ". " + HOW_TO_START);
            }
            return uri;
        }
        if (dockerAvailable()) {
            LocalStackContainer container = new LocalStackContainer(DockerImageName.parse(IMAGE))
                    .withServices(LocalStackContainer.Service.SQS, LocalStackContainer.Service.STS,
                            LocalStackContainer.Service.S3, LocalStackContainer.EnabledService.named("stepfunctions"));
            container.start();
            return container.getEndpoint();
        }
        URI fallback = URI.create(DEFAULT_ENDPOINT);
        String problem = healthProblem(fallback);
        if (problem != null) {
            throw new IllegalStateException("No AWS emulator for the integration tests: no Docker engine, "
                                            + ENDPOINT_VARIABLE + " is not set, and at " + fallback + " " + problem
                                            + ". " + HOW_TO_START);
        }
        return fallback;
    }

    private static final String HOW_TO_START = "Start one with 'scripts/localstack.sh start' (needs Python 3.10-3.12, "
                                               + "no Docker) and re-run, or run the tests with 'scripts/test.sh', which "
                                               + "does that for you.";

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** @return null when SQS and Step Functions both run, else what is wrong */
    private static String healthProblem(URI base) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(base.resolve("/_localstack/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = response.body().replace(" ", "");
            boolean ready = body.matches("(?s).*\"sqs\":\"(running|available)\".*")
                            && body.matches("(?s).*\"stepfunctions\":\"(running|available)\".*")
                            && body.matches("(?s).*\"s3\":\"(running|available)\".*");
            return ready ? null : "its health does not report sqs, stepfunctions and s3 running (scripts/localstack.sh stop, then"
                                  + " start, runs all three): " + response.body();
        } catch (IOException e) {
            return "nothing answers (" + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "the health check was interrupted";
        }
    }
}
