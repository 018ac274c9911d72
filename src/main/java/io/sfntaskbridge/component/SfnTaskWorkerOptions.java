package io.sfntaskbridge.component;

import io.sfntaskbridge.task.GlobalCaps;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The options of a worker endpoint, {@code sfn-task:queue:<name>} or {@code sfn-task:activity:<name>}: its caps, how
 * it receives, keeps tasks alive and drains. The runtime sets the component-wide defaults from the
 * {@code bridge.worker.*} keys of {@code config/application.properties}; a route's URI parameters override them.
 */
@UriParams
public class SfnTaskWorkerOptions extends SfnTaskAnswerOptions {

    @UriParam(label = "consumer", defaultValue = "5")
    private int concurrentConsumers = 5;
    @UriParam(label = "consumer", defaultValue = "0")
    private int waitingRoom;
    @UriParam(label = "consumer", defaultValue = "0")
    private int globalConcurrency;
    @UriParam(label = "consumer", defaultValue = "20")
    private int drainTimeoutSeconds = 20;
    @UriParam(label = "consumer", defaultValue = "20")
    private int heartbeatIntervalSeconds = 20;
    @UriParam(label = "consumer", defaultValue = "DEBUG", enums = "TRACE,DEBUG,INFO,WARN,ERROR,OFF")
    private String taskLogLevel = "DEBUG";
    @UriParam(label = "consumer,queue", defaultValue = "5")
    private int retryDelaySeconds = 5;
    @UriParam(label = "consumer,activity")
    private String workerName;
    @UriParam(label = "consumer,advanced", defaultValue = "true")
    private boolean keepAlive = true;
    @UriParam(label = "consumer,advanced", defaultValue = "2000")
    private long receiveErrorBackoffMillis = 2000;
    @UriParam(label = "consumer,advanced", defaultValue = "60")
    private int inFlightLogIntervalSeconds = 60;
    @UriParam(label = "consumer,advanced")
    @Metadata(autowired = true)
    private GlobalCaps globalCaps;

    public int getConcurrentConsumers() {
        return concurrentConsumers;
    }

    /**
     * The hard cap of this worker: tasks whose work runs at once, however asynchronous the work is. Each task holds a
     * thread of its own from its receipt to its answer.
     */
    public void setConcurrentConsumers(int concurrentConsumers) {
        this.concurrentConsumers = concurrentConsumers;
    }

    public int getWaitingRoom() {
        return waitingRoom;
    }

    /**
     * Tasks received beyond concurrentConsumers and kept alive (heartbeats, visibility, ledger lease) while they wait,
     * in order, for a working slot: for Task states whose HeartbeatSeconds is shorter than the wait in the queue.
     * They are held by this instance even when others are idle.
     */
    public void setWaitingRoom(int waitingRoom) {
        this.waitingRoom = waitingRoom;
    }

    public int getGlobalConcurrency() {
        return globalConcurrency;
    }

    /**
     * A cap on this worker's tasks in flight across every instance that shares its queue or activity, held in the
     * globalCaps store (the runtime: the task ledger's PostgreSQL database); 0 = none.
     */
    public void setGlobalConcurrency(int globalConcurrency) {
        this.globalConcurrency = globalConcurrency;
    }

    public int getDrainTimeoutSeconds() {
        return drainTimeoutSeconds;
    }

    /**
     * On stop (SIGTERM, the route stopped or reloaded), how long tasks in flight may take to finish and answer; the
     * rest are then handed back (queue) or failed with Bridge.WorkerStopped (activity).
     */
    public void setDrainTimeoutSeconds(int drainTimeoutSeconds) {
        this.drainTimeoutSeconds = drainTimeoutSeconds;
    }

    public int getHeartbeatIntervalSeconds() {
        return heartbeatIntervalSeconds;
    }

    /**
     * SendTaskHeartbeat interval for a task without a heartbeatSeconds hint in its envelope (with one: a third of
     * it). For activity tasks, which carry no hint, set it below a third of the state's HeartbeatSeconds.
     */
    public void setHeartbeatIntervalSeconds(int heartbeatIntervalSeconds) {
        this.heartbeatIntervalSeconds = heartbeatIntervalSeconds;
    }

    public String getTaskLogLevel() {
        return taskLogLevel;
    }

    /** Level of the one log line per task (Task outcome: ...); the metrics count every outcome. */
    public void setTaskLogLevel(String taskLogLevel) {
        this.taskLogLevel = taskLogLevel;
    }

    public int getRetryDelaySeconds() {
        return retryDelaySeconds;
    }

    /**
     * After a task could not be answered (AWS or the ledger unreachable), the seconds until its message is visible
     * again; an activity task tries its stored answer again this often.
     */
    public void setRetryDelaySeconds(int retryDelaySeconds) {
        this.retryDelaySeconds = retryDelaySeconds;
    }

    public String getWorkerName() {
        return workerName;
    }

    /** The worker name GetActivityTask reports to Step Functions; default the host name, process id and route id. */
    public void setWorkerName(String workerName) {
        this.workerName = workerName;
    }

    public boolean isKeepAlive() {
        return keepAlive;
    }

    /** false turns heartbeats, visibility extension and ledger lease renewal off (only to prove they matter). */
    public void setKeepAlive(boolean keepAlive) {
        this.keepAlive = keepAlive;
    }

    public long getReceiveErrorBackoffMillis() {
        return receiveErrorBackoffMillis;
    }

    /** Pause after a failed receive (AWS unreachable, credentials refused) before the next one. */
    public void setReceiveErrorBackoffMillis(long receiveErrorBackoffMillis) {
        this.receiveErrorBackoffMillis = receiveErrorBackoffMillis;
    }

    public int getInFlightLogIntervalSeconds() {
        return inFlightLogIntervalSeconds;
    }

    /** How often the tasks in flight are logged, when they changed; 0 = never. */
    public void setInFlightLogIntervalSeconds(int inFlightLogIntervalSeconds) {
        this.inFlightLogIntervalSeconds = inFlightLogIntervalSeconds;
    }

    public GlobalCaps getGlobalCaps() {
        return globalCaps;
    }

    /** The store of caps across instances (globalConcurrency); the single GlobalCaps in the registry when not set. */
    public void setGlobalCaps(GlobalCaps globalCaps) {
        this.globalCaps = globalCaps;
    }
}
