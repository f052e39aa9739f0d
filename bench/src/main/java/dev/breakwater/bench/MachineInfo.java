package dev.breakwater.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What a benchmark ran on: CPUs, memory, kernel, OS, JDK, and the filesystem under the data directory. */
final class MachineInfo {

    private MachineInfo() {}

    static ObjectNode collect(Path dataDirectory) {
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("nproc", Runtime.getRuntime().availableProcessors());
        json.put("cpuModel", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        String memTotal = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        if (!memTotal.isEmpty()) {
            long kb = Long.parseLong(memTotal.replaceAll("[^0-9]", ""));
            json.put("memoryMiB", kb / 1024);
        }
        json.put("kernel", read(Path.of("/proc/sys/kernel/osrelease")));
        String os = firstValue(Path.of("/etc/os-release"), "PRETTY_NAME");
        json.put("os", os.replace("\"", ""));
        json.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        try {
            Path probe = Files.exists(dataDirectory) ? dataDirectory : dataDirectory.toAbsolutePath().getParent();
            FileStore store = Files.getFileStore(probe);
            json.put("dataDirectory", dataDirectory.toAbsolutePath().toString());
            json.put("fileSystem", store.type());
            json.put("device", store.name());
        } catch (IOException | RuntimeException e) {
            json.put("fileSystem", "unknown: " + e.getMessage());
        }
        return json;
    }

    /** The value after ':' or '=' on the first line starting with {@code key}, or "" when absent. */
    private static String firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    int sep = line.indexOf(line.contains(":") ? ':' : '=');
                    return line.substring(sep + 1).trim();
                }
            }
        } catch (IOException e) {
            return "";
        }
        return "";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
