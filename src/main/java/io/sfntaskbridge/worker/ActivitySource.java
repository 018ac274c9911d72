package io.sfntaskbridge.worker;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.SfnClientBuilder;
import software.amazon.awssdk.services.sfn.SfnServiceClientConfiguration;
import software.amazon.awssdk.services.sfn.model.ActivityListItem;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;

/**
 * Tasks of a Step Functions activity: GetActivityTask with a worker name, which Step Functions holds for up to 60 s
 * until a task is there, so it polls with a client of its own whose timeouts are longer than that. An activity
 * task has nothing to delete, hide or hand back: it lives until it is answered, or until its state's
 * {@code HeartbeatSeconds} or {@code TimeoutSeconds} run out.
 */
public final class ActivitySource implements TaskSource {

    private static final Logger LOG = LoggerFactory.getLogger(ActivitySource.class);
    /** Step Functions holds a GetActivityTask for up to 60 s; AWS asks clients to wait at least 65. */
    static final Duration POLL_TIMEOUT = Duration.ofSeconds(70);

    private final SfnClient poller;
    private final boolean ownsPoller;
    private final String activityArn;
    private final String workerName;

    /**
     * @param sfn        the client whose region, endpoint, credentials and retries the poller's own client copies
     * @param nameOrArn  the activity's ARN, or its name (looked up with ListActivities)
     * @param workerName the name Step Functions records for the worker that took the task
     */
    public ActivitySource(SfnClient sfn, String nameOrArn, String workerName) {
        this.activityArn = nameOrArn.startsWith("arn:") ? nameOrArn : arnOf(sfn, nameOrArn);
        this.poller = pollClientOf(sfn);
        this.ownsPoller = poller != sfn;
        this.workerName = workerName;
    }

    /**
     * A client like {@code sfn} whose timeouts let GetActivityTask be held for its 60 s without giving up early; {@code sfn}
     * itself when it does not tell its configuration (a client that is not the SDK's own).
     */
    private static SfnClient pollClientOf(SfnClient sfn) {
        SfnServiceClientConfiguration config;
        try {
            config = sfn.serviceClientConfiguration();
        } catch (UnsupportedOperationException notTheSdks) {
            LOG.debug("Polling with the given SfnClient: it does not tell its configuration");
            return sfn;
        }
        SfnClientBuilder builder = SfnClient.builder().region(config.region())
                .credentialsProvider(config.credentialsProvider())
                .overrideConfiguration(config.overrideConfiguration().toBuilder().apiCallTimeout(POLL_TIMEOUT)
                        .apiCallAttemptTimeout(POLL_TIMEOUT).build())
                .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(POLL_TIMEOUT));
        config.endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static String arnOf(SfnClient sfn, String name) {
        return sfn.listActivitiesPaginator(r -> r.maxResults(1000)).activities().stream()
                .filter(activity -> activity.name().equals(name)).map(ActivityListItem::activityArn).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Step Functions has no activity named '" + name
                                                                + "' (create it, e.g. with the provision command)"));
    }

    public String activityArn() {
        return activityArn;
    }

    @Override
    public String describe() {
        return "activity " + activityArn;
    }

    @Override
    public String receiveCall() {
        return "GetActivityTask";
    }

    @Override
    public int maxPerReceive() {
        return 1;
    }

    @Override
    public List<Delivery> receive(int max) {
        GetActivityTaskResponse task = poller.getActivityTask(r -> r.activityArn(activityArn).workerName(workerName));
        if (task.taskToken() == null || task.taskToken().isEmpty()) {
            return List.of();
        }
        return List.of(new Delivery(task.taskToken(), task.input(), 0, null));
    }

    @Override
    public TaskEnvelope.Opened open(Delivery delivery) {
        return TaskEnvelope.openActivity(delivery.activityToken(), delivery.body());
    }

    @Override
    public boolean canHandBack() {
        return false;
    }

    @Override
    public void settled(Delivery delivery) {
        // Answered: Step Functions has closed the task; nothing to remove.
    }

    @Override
    public void handBack(Delivery delivery, int seconds) {
        throw new UnsupportedOperationException("an activity task cannot be handed back");
    }

    @Override
    public boolean hasVisibility() {
        return false;
    }

    @Override
    public void extendVisibility(Delivery delivery) {
        // Nothing to extend: heartbeats alone keep an activity task alive.
    }

    @Override
    public void close() {
        if (ownsPoller) {
            poller.close();
        }
    }

    @Override
    public void reject(Delivery delivery, String reason) {
        LOG.warn("Unanswerable activity task of {}: {}; Step Functions times it out", activityArn, reason);
    }
}
