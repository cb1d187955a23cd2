package cn.shuoshi.forms;

import java.util.List;
import java.util.Optional;

/** The input fields of one deployed Camunda Form, in the order a cadre sees them. */
public record FormSchema(String id, List<FieldRule> fields) {

  public Optional<FieldRule> field(String key) {
    return fields.stream().filter(f -> f.key().equals(key)).findFirst();
  }

  public String label(String key) {
    return field(key).map(FieldRule::label).orElse(key);
  }
}
