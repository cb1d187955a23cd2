package cn.shuoshi.api;

/** The caller is logged in but may not see or do this: answered 403 with a Chinese {@code detail}. */
public class ForbiddenException extends RuntimeException {

  public ForbiddenException(String detail) {
    super(detail);
  }
}
