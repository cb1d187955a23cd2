package cn.shuoshi.ledger;

import org.camunda.bpm.engine.AuthorizationException;

/**
 * A process instance tried to write to an item it did not register: the number is bound to the one
 * instance that put it on the ledger. The step that tried is rolled back; callers get a 403.
 */
public class ForgedItemException extends AuthorizationException {

  public ForgedItemException(String number) {
    super("事项" + number + "属于另一个流程实例：台账只接受登记该事项的流程写入，本次操作已拒绝");
  }
}
