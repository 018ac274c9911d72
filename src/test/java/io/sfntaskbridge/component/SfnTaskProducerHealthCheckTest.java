package io.sfntaskbridge.component;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sfn.model.SfnException;

import static org.assertj.core.api.Assertions.assertThat;

class SfnTaskProducerHealthCheckTest {

    private final FakeSfnClient sfn = new FakeSfnClient();
    private final CamelContext context = new DefaultCamelContext();
    private SfnTaskProducerHealthCheck healthCheck;

    @BeforeEach
    void startEndpoint() {
        context.getRegistry().bind("stepFunctions", sfn);
        context.start();
        SfnTaskEndpoint endpoint = context.getEndpoint("sfn-task:heartbeat", SfnTaskEndpoint.class);
        endpoint.start();
        healthCheck = new SfnTaskProducerHealthCheck(endpoint, "heartbeat");
        healthCheck.setCamelContext(context);
    }

    @AfterEach
    void stopContext() {
        context.stop();
    }

    @Test
    void upWhenStepFunctionsAnswers() {
        assertThat(healthCheck.call().getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void downWithErrorCodeWhenStepFunctionsRejectsTheCall() {
        sfn.rejectNextCall(SfnException.builder().message("denied").statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").build()).build());

        HealthCheck.Result result = healthCheck.call();

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getDetails()).containsEntry(AbstractHealthCheck.SERVICE_ERROR_CODE, "AccessDeniedException")
                .containsEntry(AbstractHealthCheck.SERVICE_STATUS_CODE, 403);
    }
}
