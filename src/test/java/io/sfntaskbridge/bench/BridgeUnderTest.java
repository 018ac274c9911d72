package io.sfntaskbridge.bench;

import java.net.URI;

import io.sfntaskbridge.aws.AwsClientsConfiguration;
import io.sfntaskbridge.component.SfnTaskConsumer;
import io.sfntaskbridge.ledger.LedgerConfiguration;
import io.sfntaskbridge.worker.WorkerConfiguration;
import org.apache.camel.main.Main;

/**
 * Our runtime as users run it: camel-main with config/application.properties and the shipped worker routes
 * (routes/task-worker.camel.yaml, routes/error-handling.camel.yaml), only the enrichment replaced by a simulated
 * backend of the given latency.
 */
final class BridgeUnderTest implements BenchWorker {

    static final String OVERRIDE = "bench.override.";
    static final String BACKEND_ROUTE = "file:src/test/resources/bench/simulated-backend.camel.yaml";

    private final URI endpoint;
    private final String region;
    private Main main;

    BridgeUnderTest(URI endpoint, String region) {
        this.endpoint = endpoint;
        this.region = region;
    }

    @Override
    public String name() {
        return "ours";
    }

    @Override
    public void start(String queueName, int concurrency, int latencyMillis) throws Exception {
        main = new Main();
        main.configure().addConfiguration(AwsClientsConfiguration.class);
        main.configure().addConfiguration(WorkerConfiguration.class);
        main.configure().addConfiguration(LedgerConfiguration.class);
        main.setPropertyPlaceholderLocations("file:config/application.properties");
        main.addOverrideProperty("bridge.aws.endpoint", endpoint.toString());
        main.addOverrideProperty("bridge.aws.region", region);
        main.addOverrideProperty("bridge.worker.queue-name", queueName);
        main.addOverrideProperty("bridge.ledger.dir", "target/bench-ledger/" + queueName);
        main.addOverrideProperty("bridge.worker.concurrency", Integer.toString(concurrency));
        main.addOverrideProperty("bench.latency-millis", Integer.toString(latencyMillis));
        main.addOverrideProperty("camel.main.routes-include-pattern",
                "file:routes/task-worker.camel.yaml,file:routes/error-handling.camel.yaml," + BACKEND_ROUTE);
        main.addOverrideProperty("bridge.executions.follow", "false");
        // Extra settings for runs in their own JVM (CpuBenchmark, ScaleBenchmark): -Dbench.override.<key>=<value>.
        System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith(OVERRIDE))
                .forEach(key -> main.addOverrideProperty(key.substring(OVERRIDE.length()), System.getProperty(key)));
        main.start();
    }

    @Override
    public int maxInFlight() {
        return ((SfnTaskConsumer) main.getCamelContext().getRoute("task-worker").getConsumer()).getWorker().permits()
                .maxTasksInFlight();
    }

    @Override
    public void close() {
        if (main != null) {
            main.stop();
            main = null;
        }
    }
}
