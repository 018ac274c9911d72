package io.sfntaskbridge.ops.metrics;

import java.util.function.Supplier;
import java.util.function.ToIntFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sfntaskbridge.worker.ConcurrencyGate;
import io.sfntaskbridge.worker.TaskPermits;

/**
 * Gauges read from the worker's {@code concurrencyGate} at each scrape: tasks in flight beside the cap, and the permits
 * that polls hold while they wait for a receive (which are not tasks). NaN until the gate exists.
 */
public final class WorkerGauges {

    private final Supplier<ConcurrencyGate> gate;

    private WorkerGauges(Supplier<ConcurrencyGate> gate) {
        this.gate = gate;
    }

    /** Registers the gauges; {@code gate} is asked at each scrape and may return null (no worker). */
    public static void register(MeterRegistry registry, Supplier<ConcurrencyGate> gate) {
        WorkerGauges gauges = new WorkerGauges(gate);
        gauge(registry, gauges, "tasks.in.flight", TaskPermits::tasksInFlight,
                "Tasks the worker holds now, working or in the waiting room");
        gauge(registry, gauges, "tasks.in.flight.limit", TaskPermits::limit,
                "The hard cap on tasks in flight: bridge.worker.concurrency plus bridge.worker.waiting-room");
        gauge(registry, gauges, "tasks.in.flight.max", TaskPermits::maxTasksInFlight,
                "The highest tasks in flight since start");
        gauge(registry, gauges, "task.permits.reserved.by.receives", TaskPermits::receivesUnderWay,
                "Permits reserved by polls waiting for their receive (long poll); not tasks");
    }

    private static void gauge(MeterRegistry registry, WorkerGauges gauges, String name, ToIntFunction<TaskPermits> value,
                              String description) {
        // Strong: nothing else holds the gauges object, and a weakly held one would read NaN after a GC.
        Gauge.builder(BridgeMetrics.PREFIX + name, gauges, g -> g.read(value)).description(description).strongReference(true)
                .register(registry);
    }

    private double read(ToIntFunction<TaskPermits> value) {
        ConcurrencyGate found = gate.get();
        return found == null ? Double.NaN : value.applyAsInt(found.permits());
    }
}
