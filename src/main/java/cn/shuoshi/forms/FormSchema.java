package cn.shuoshi.forms;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The input fields of one deployed Camunda Form, in the order a cadre sees them, and the names of the
 * data it shows beside them ({@code dataKeys}: option lists named by {@code valuesKey}, variables named in
 * its texts' {@code {{…}}} templates).
 */
public record FormSchema(String id, List<FieldRule> fields, Set<String> dataKeys) {

  public Optional<FieldRule> field(String key) {
    return fields.stream().filter(f -> f.key().equals(key)).findFirst();
  }

  public String label(String key) {
    return field(key).map(FieldRule::label).orElse(key);
  }
}
