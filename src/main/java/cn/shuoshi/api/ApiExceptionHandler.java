package cn.shuoshi.api;

import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns every kind of bad input to the service's own controllers into a 400 problem, never a 500:
 * a client that sends rubbish learns what is wrong, in Chinese.
 */
@RestControllerAdvice(basePackages = "cn.shuoshi")
public class ApiExceptionHandler {

  @ExceptionHandler(InvalidRequestException.class)
  public ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
    return ApiProblems.invalid(e.errors());
  }

  @ExceptionHandler(ForbiddenException.class)
  public ResponseEntity<ProblemDetail> forbidden(ForbiddenException e) {
    return ApiProblems.of(HttpStatus.FORBIDDEN, ApiProblems.FORBIDDEN, "无权访问", e.getMessage());
  }

  /** The engine refused the caller (authorization is on): 403, never a 500. */
  @ExceptionHandler(AuthorizationException.class)
  public ResponseEntity<ProblemDetail> notAuthorized(AuthorizationException e) {
    return ApiProblems.of(HttpStatus.FORBIDDEN, ApiProblems.FORBIDDEN, "无权访问", "您没有执行此操作的权限");
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  public ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    return ApiProblems.invalid(Map.of("body", "请求内容应为一个 JSON 对象，且格式正确"));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  public ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
    return ApiProblems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ApiProblems.INVALID_INPUT, "不支持的内容类型",
        "请以 application/json 提交");
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  public ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException e) {
    return ApiProblems.invalid(Map.of(e.getParameterName(), "缺少参数“" + e.getParameterName() + "”"));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  public ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e) {
    return ApiProblems.invalid(Map.of(e.getName(), "参数“" + e.getName() + "”的取值不正确"));
  }
}
