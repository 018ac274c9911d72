package io.sfntaskbridge.app;

import org.apache.camel.main.MainSupport;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into an orderly stop: the runtime drains its workers, stops Camel and exits with code 0.
 * Without this the JVM would run its shutdown hooks on the signal and exit with 143 (or 130) even after a clean drain,
 * which service managers read as a failure.
 */
final class StopSignals {

    private StopSignals() {
    }

    static void stopOn(MainSupport main) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> main.completed());
        }
    }
}
