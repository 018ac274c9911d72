package io.sfntaskbridge.bench;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessRequest;

/**
 * Notes the moment each SendTaskSuccess returned, for both workers alike, at the same point: the SDK call. Registered
 * as an SDK global interceptor from the test classpath ({@code software/amazon/awssdk/global/handlers/}), so it sees
 * our runtime's own SfnClient without any change to it; it does nothing unless a benchmark run is recording.
 */
public final class AnswerInterceptor implements ExecutionInterceptor {

    private static volatile AnswerLog recording;

    static void record(AnswerLog answers) {
        recording = answers;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        AnswerLog answers = recording;
        if (answers != null && context.request() instanceof SendTaskSuccessRequest success) {
            answers.answeredToken(success.taskToken());
        }
    }
}
