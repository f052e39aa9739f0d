package dev.breakwater.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The "flush requests completed" counter of the block device under a directory, from {@code /proc/diskstats}
 * (the 16th statistic after the device name, Linux 5.5+): how many cache flushes reached the disk, which is what an fdatasync ultimately costs.
 * A diagnostic only — other processes writing to the same device add to it — so benchmarks report it beside their
 * own counts, never instead of them.
 */
final class DeviceFlushes {

    private final String device;

    private DeviceFlushes(String device) {
        this.device = device;
    }

    /** For the device holding {@code directory}, if it can be identified. */
    static DeviceFlushes of(Path directory) {
        try {
            String name = Files.getFileStore(directory).name(); // e.g. /dev/vda or /dev/nvme0n1p2
            return new DeviceFlushes(name.startsWith("/dev/") ? name.substring(5) : name);
        } catch (IOException e) {
            return new DeviceFlushes("");
        }
    }

    String device() {
        return device;
    }

    OptionalLong read() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/diskstats")), device);
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    static OptionalLong parse(List<String> diskstats, String device) {
        for (String line : diskstats) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 20 && fields[2].equals(device)) {
                try {
                    return OptionalLong.of(Long.parseLong(fields[18]));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }
}
