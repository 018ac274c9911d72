package io.sfntaskbridge.payload;

/** Told of every payload stored in or read from S3 (for metrics). */
public interface PayloadEvents {

    /** Tells nothing. */
    PayloadEvents NONE = new PayloadEvents() {
        @Override
        public void offloaded(String routeId, String kind, long bytes) {
        }

        @Override
        public void resolved(String routeId, long bytes) {
        }
    };

    /** A payload went to S3: {@code kind} is "output" (a task's answer) or "execution-input". */
    void offloaded(String routeId, String kind, long bytes);

    /** A pointer input was read from S3 before the work. */
    void resolved(String routeId, long bytes);
}
