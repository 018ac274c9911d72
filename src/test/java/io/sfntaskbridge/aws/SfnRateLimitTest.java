package io.sfntaskbridge.aws;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rate limit and the throttling retry exactly as {@link AwsSettings} configures every client, against a fake
 * Step Functions HTTP endpoint that records when each request arrives.
 */
class SfnRateLimitTest {

    private final FakeStepFunctions http = new FakeStepFunctions();
    private final ExecutorService callers = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    private SfnClient client(double sendTaskPerSecond, int maxAttempts) {
        AwsSettings settings = new AwsSettings("us-east-1", "http://localhost:1", 4, Duration.ofSeconds(30),
                new SfnRateLimiter(SfnRateLimiter.Limit.of("send-task", sendTaskPerSecond, 1),
                        SfnRateLimiter.Limit.of("start-execution", 1000, 1000)),
                new AwsSettings.Retry(maxAttempts, Duration.ofMillis(10), Duration.ofMillis(50)));
        return SfnClient.builder().httpClient(http).region(Region.of(settings.region()))
                .endpointOverride(URI.create(settings.endpoint()))
                .overrideConfiguration(settings.overrideConfiguration()).build();
    }

    @Test
    void sendTaskCallsFromManyThreadsKeepToFivePerSecond() throws Exception {
        SfnClient sfn = client(5, 1);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(callers.submit(() -> sfn.sendTaskHeartbeat(r -> r.taskToken("token"))));
        }
        for (Future<?> call : calls) {
            call.get();
        }

        List<Long> arrivals = http.arrivalNanos("AWSStepFunctions.SendTaskHeartbeat");
        assertThat(arrivals).hasSize(16);
        double seconds = (arrivals.get(15) - arrivals.get(0)) / 1e9;
        double rate = 15 / seconds;
        assertThat(rate).as("calls per second over %.2f s", seconds).isBetween(4.5, 5.5);
    }

    @Test
    void otherStepFunctionsCallsAreNotLimited() {
        SfnClient sfn = client(1, 1);
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            sfn.describeExecution(r -> r.executionArn("arn:aws:states:us-east-1:000000000000:execution:m:e"));
        }
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(1.0);
    }

    @Test
    void aThrottledCallIsRetriedWithBackoffAndPacedByTheLimiter() {
        http.throttleNext(2);
        SfnClient sfn = client(1000, 5);

        sfn.sendTaskSuccess(r -> r.taskToken("token").output("{}"));

        assertThat(http.arrivalNanos("AWSStepFunctions.SendTaskSuccess")).as("two throttled, then accepted").hasSize(3);
    }

    @Test
    void throttlingBeyondTheLastAttemptReachesTheCaller() {
        http.throttleNext(10);
        SfnClient sfn = client(1000, 3);

        assertThatThrownBy(() -> sfn.sendTaskSuccess(r -> r.taskToken("token").output("{}")))
                .isInstanceOfSatisfying(SfnException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException"));
        assertThat(http.arrivalNanos("AWSStepFunctions.SendTaskSuccess")).hasSize(3);
    }

    /** Answers {@code {}} to everything, or ThrottlingException while {@link #throttleNext} says so. */
    private static final class FakeStepFunctions implements SdkHttpClient {

        private final List<String[]> arrivals = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger throttled = new AtomicInteger();

        void throttleNext(int count) {
            throttled.set(count);
        }

        List<Long> arrivalNanos(String target) {
            synchronized (arrivals) {
                return arrivals.stream().filter(a -> a[0].equals(target)).map(a -> Long.parseLong(a[1])).sorted()
                        .toList();
            }
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    arrivals.add(new String[] {request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse(""),
                            Long.toString(System.nanoTime())});
                    boolean throttle = throttled.getAndDecrement() > 0;
                    String body = throttle ? "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}" : "{}";
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(throttle ? 400 : 200)
                                    .putHeader("Content-Type", "application/x-amz-json-1.0").build())
                            .responseBody(AbortableInputStream.create(
                                    new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                            .build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
