package cn.shuoshi.security;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A class an attacker names as the type of a submitted Object variable: if the service ever
 * instantiates it, the submission chose which Java class the server builds (the door of every
 * deserialization gadget).
 */
public class Tripwire {

  public static final AtomicInteger BUILT = new AtomicInteger();

  private String value;

  public Tripwire() {
    BUILT.incrementAndGet();
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }
}
