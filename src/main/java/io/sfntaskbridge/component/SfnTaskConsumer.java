package io.sfntaskbridge.component;

import io.sfntaskbridge.payload.PayloadException;
import io.sfntaskbridge.payload.PayloadOffload;
import io.sfntaskbridge.task.SfnTaskOutcome;
import io.sfntaskbridge.task.TaskAnswer;
import io.sfntaskbridge.task.TaskTokens;
import io.sfntaskbridge.worker.Drainable;
import io.sfntaskbridge.worker.LiveTask;
import io.sfntaskbridge.worker.TaskWork;
import io.sfntaskbridge.worker.TaskWorker;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker: receives the tasks of its queue or activity under the endpoint's caps ({@link TaskWorker} does the
 * receiving, keep-alive, ledger claims, waiting room, answers and drain) and runs the route for each, its body the
 * task's input as a Map. The route's result answers SendTaskSuccess; an exception that reaches the consumer answers
 * SendTaskFailure, its error name mapped as for {@code sfn-task:failure}; a route that answered by itself (an
 * {@code sfn-task:success} or {@code failure} step) is not answered again. The route runs to its end before the next
 * task takes the working slot, however asynchronous its steps are.
 */
public class SfnTaskConsumer extends DefaultConsumer implements Drainable, TaskWork {

    private static final Logger LOG = LoggerFactory.getLogger(SfnTaskConsumer.class);

    private final TaskJson json = new TaskJson();
    private volatile TaskWorker worker;

    public SfnTaskConsumer(SfnTaskEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public SfnTaskEndpoint getEndpoint() {
        return (SfnTaskEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        worker = new WorkerAssembly(getEndpoint(), getRouteId(), this).build();
        worker.start(new CamelWorkerThreads(getEndpoint().getCamelContext(), this));
    }

    @Override
    public void drain() throws InterruptedException {
        TaskWorker running = worker;
        if (running != null) {
            running.drain();
        }
    }

    @Override
    protected void doStop() throws Exception {
        TaskWorker running = worker;
        if (running != null) {
            running.drain();
            running.stop();
            worker = null;
        }
        super.doStop();
    }

    /** The running worker (figures, health), or null while the consumer is stopped. */
    public TaskWorker getWorker() {
        return worker;
    }

    @Override
    public Result run(LiveTask task) {
        Exchange exchange = createExchange(false);
        try {
            exchange.setPattern(ExchangePattern.InOnly);
            Message message = exchange.getMessage();
            try {
                message.setBody(resolved(task));
            } catch (PayloadException e) {
                LOG.warn("Task input not read ({} of {}, {}): {}; failing the task with {}", task.delivery().describe(),
                        getRouteId(), TaskTokens.fingerprint(task.token()), e.getMessage(), e.errorName());
                return new Answer(TaskAnswer.failure(e.errorName(), e.getMessage()), SfnTaskOutcome.FAILED);
            }
            message.setHeader(SfnTaskConstants.TASK_TOKEN, task.token());
            message.setHeader(SfnTaskConstants.RECEIVE_COUNT, task.delivery().receiveCount());
            if (task.delivery().messageId() != null) {
                message.setHeader(SfnTaskConstants.MESSAGE_ID, task.delivery().messageId());
            }
            if (task.delivery().sentTimestampMillis() > 0) {
                message.setHeader(SfnTaskConstants.SENT_TIMESTAMP, task.delivery().sentTimestampMillis());
            }
            if (task.heartbeatHint() != null) {
                message.setHeader(SfnTaskConstants.HEARTBEAT_SECONDS, task.heartbeatHint());
            }
            exchange.setProperty(SfnTaskConstants.CLAIM, task.claim());
            exchange.setProperty(SfnTaskConstants.CLAIMED_AT, task.claimedAtNanos());
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            return resultOf(exchange, task);
        } finally {
            releaseExchange(exchange, false);
        }
    }

    /** The task's input, or the payload it points to (read under the cap, before the work). */
    private Object resolved(LiveTask task) {
        PayloadOffload offload = getEndpoint().getConfiguration().getPayloadOffload();
        return offload == null ? task.input() : offload.resolve(getRouteId(), task.input());
    }

    private Result resultOf(Exchange exchange, LiveTask task) {
        SfnTaskOutcome answered = exchange.getMessage().getHeader(SfnTaskConstants.OUTCOME, SfnTaskOutcome.class);
        if (answered != null) {
            return new Answered(answered);
        }
        Throwable failure = exchange.getException();
        if (failure == null) {
            return TaskAnswering.success(json, getEndpoint().getConfiguration(), exchange.getMessage(), task.token(),
                    getRouteId());
        }
        if (exchange.getProperty(SfnTaskConstants.ANSWER_STORED, false, Boolean.class)) {
            return new NotAnswered();
        }
        LOG.warn("Task failed ({} of {}, {}): {}: {}", task.delivery().describe(), getRouteId(),
                TaskTokens.fingerprint(task.token()), failure.getClass().getSimpleName(), TaskAnswering.causeOf(failure));
        return TaskAnswering.failure(getEndpoint(), exchange);
    }

    @Override
    public void settled(LiveTask task, SfnTaskOutcome outcome) {
        if (outcome != null) {
            getEndpoint().countOutcome(outcome);
        }
    }
}
