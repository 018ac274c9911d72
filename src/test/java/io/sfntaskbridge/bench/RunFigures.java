package io.sfntaskbridge.bench;

/** What one run of one worker measured. {@code mode} is {@code drain} (a backlog) or {@code paced} (half of ideal). */
record RunFigures(int concurrency, String mode, String worker, int round, int tasks, double tasksPerSecond,
        double p50Millis, double p99Millis, int maxInFlight) {

    String line() {
        return String.format("N=%-3d %-6s %-5s round %d  %4d tasks  %7.1f tasks/s  p50 %7.1f ms  p99 %7.1f ms  "
                             + "max in flight %d", concurrency, mode, worker, round, tasks, tasksPerSecond, p50Millis,
                p99Millis, maxInFlight);
    }
}
