package cn.shuoshi.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one run: each printed as {@code name=value unit} when taken, all written to a JSON file. */
final class Results {

  record Figure(String name, double value, String unit) {}

  private final List<Figure> figures = new ArrayList<>();
  private final Map<String, String> context = new LinkedHashMap<>();

  void context(String key, Object value) {
    context.put(key, String.valueOf(value));
  }

  void add(String name, double value, String unit) {
    figures.add(new Figure(name, value, unit));
    System.out.println(name + "=" + format(value) + " " + unit);
    System.out.flush();
  }

  /** p50 and p95 of latencies in nanoseconds, as milliseconds. */
  void percentiles(String name, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    add(name + "_p50", sorted[(int) Math.floor(0.50 * (sorted.length - 1))] / 1e6, "ms");
    add(name + "_p95", sorted[(int) Math.floor(0.95 * (sorted.length - 1))] / 1e6, "ms");
  }

  void log(String message) {
    System.out.println("# " + message);
    System.out.flush();
  }

  void write(Path file) throws IOException {
    StringBuilder json = new StringBuilder("{\n  \"context\": {");
    String sep = "\n";
    for (Map.Entry<String, String> e : context.entrySet()) {
      json.append(sep).append("    ").append(quote(e.getKey())).append(": ").append(quote(e.getValue()));
      sep = ",\n";
    }
    json.append("\n  },\n  \"figures\": [");
    sep = "\n";
    for (Figure f : figures) {
      json.append(sep).append("    {\"name\": ").append(quote(f.name())).append(", \"value\": ")
          .append(Double.isFinite(f.value()) ? format(f.value()) : "null").append(", \"unit\": ")
          .append(quote(f.unit())).append("}");
      sep = ",\n";
    }
    json.append("\n  ]\n}\n");
    Files.createDirectories(file.getParent());
    Files.writeString(file, json, StandardCharsets.UTF_8);
    System.out.println("# results written to " + file);
  }

  static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.valueOf((long) v);
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.3f", v);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
