package cn.shuoshi.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request to the service's API with bad parameters; answered 400 naming each of them. */
public class InvalidRequestException extends RuntimeException {

  private final Map<String, String> errors;

  public InvalidRequestException(Map<String, String> errors) {
    super(String.join("；", errors.values()));
    this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
  }

  public static InvalidRequestException of(String field, String message) {
    return new InvalidRequestException(Map.of(field, message));
  }

  public Map<String, String> errors() {
    return errors;
  }
}
