package dev.uds.doctor;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/** The diagnosis as one JSON object, for scripts and bug reports. */
final class JsonReport {
    private JsonReport() {
    }

    static void write(Diagnosis diagnosis, PrintStream out) {
        Diagnosis.Machine m = diagnosis.machine();
        NativeAccessStatus access = m.nativeAccess();
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"healthy\": ").append(diagnosis.healthy()).append(",\n");
        json.append("  \"java\": ").append(string(m.java())).append(",\n");
        json.append("  \"os\": ").append(string(m.os())).append(",\n");
        json.append("  \"modulePath\": ").append(m.modulePath()).append(",\n");
        json.append("  \"nativeAccess\": {\"module\": ").append(string(access.module()))
                .append(", \"enabled\": ").append(access.enabled())
                .append(", \"note\": ").append(string(access.note())).append("},\n");
        json.append("  \"peerPidfd\": ").append(string(m.peerPidfd())).append(",\n");
        json.append("  \"backends\": [");
        String separator = "\n";
        for (Diagnosis.BackendReport b : diagnosis.backends()) {
            json.append(separator).append("    {\"name\": ").append(string(b.name()))
                    .append(", \"available\": ").append(b.available())
                    .append(", \"cause\": ").append(b.cause() == null ? "null" : string(b.cause()))
                    .append(", \"priority\": ").append(b.available() ? Integer.toString(b.priority()) : "null")
                    .append(", \"passed\": ").append(b.passed())
                    .append(",\n     \"socketTypes\": ").append(strings(b.socketTypes()))
                    .append(",\n     \"capabilities\": ").append(strings(b.capabilities()))
                    .append(",\n     \"kernel\": ").append(checks(b.kernel()))
                    .append(",\n     \"selfTest\": ").append(checks(b.selfTest())).append("}");
            separator = ",\n";
        }
        json.append("\n  ]\n}");
        out.println(json);
    }

    private static String checks(List<Check> checks) {
        if (checks.isEmpty()) {
            return "[]";
        }
        return checks.stream()
                .map(c -> "{\"name\": " + string(c.name()) + ", \"outcome\": " + string(c.outcome().name())
                        + ", \"detail\": " + string(c.detail()) + "}")
                .collect(Collectors.joining(",\n       ", "[\n       ", "]"));
    }

    private static String strings(List<String> values) {
        return values.stream().map(JsonReport::string).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A JSON string: quotes, backslashes and control characters escaped (RFC 8259). */
    static String string(String value) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.append('"').toString();
    }
}
