package cn.shuoshi.organisation;

import cn.shuoshi.api.InvalidRequestException;
import java.util.List;
import java.util.Map;

/**
 * The organisation files have errors: every one of them, keyed {@code units:7} / {@code cadres:12}
 * (file and line), each a whole Chinese sentence naming file and line. Nothing was imported. The
 * service's API answers it as its usual 400 problem (errors listed one by one).
 */
public class InvalidOrganisationException extends InvalidRequestException {

  public InvalidOrganisationException(Map<String, String> errors) {
    super(errors);
  }

  /** The messages, in file and line order. */
  public List<String> messages() {
    return List.copyOf(errors().values());
  }
}
