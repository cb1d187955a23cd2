package cn.shuoshi.forms;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A claim or assignment the service refuses (the handler claiming the verification of their own
 * result). A bad request, answered 400 by the REST API and the Tasklist, not a server error.
 */
public class RefusedAssignmentException extends BadUserRequestException {

  public RefusedAssignmentException(String message) {
    super(message);
  }
}
