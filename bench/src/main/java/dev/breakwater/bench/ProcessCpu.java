package dev.breakwater.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;

/** CPU time this JVM has used, all threads, for telling a CPU-bound phase from one waiting on the disk. */
final class ProcessCpu {

    private ProcessCpu() {}

    /** Seconds of CPU used by this process so far, or NaN when the JVM does not say. */
    static double seconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            return nanos < 0 ? Double.NaN : nanos / 1e9;
        }
        return Double.NaN;
    }

    static void put(ObjectNode json, double startSeconds) {
        double now = seconds();
        if (!Double.isNaN(now) && !Double.isNaN(startSeconds)) {
            json.put("jvmCpuSeconds", LatencyRecorder.round(now - startSeconds, 3));
        }
    }
}
