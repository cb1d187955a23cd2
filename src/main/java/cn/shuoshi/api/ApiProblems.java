package cn.shuoshi.api;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Error answers of the service's own API as RFC 9457 problem details: {@code type}, {@code title},
 * {@code status}, {@code detail}, and for refused input an {@code errors} map of field → Chinese
 * message, so a client can show each message next to its field.
 */
public final class ApiProblems {

  public static final String INVALID_INPUT = "urn:shuoshi:problem:invalid-input";
  public static final String NOT_FOUND = "urn:shuoshi:problem:not-found";
  public static final String FORBIDDEN = "urn:shuoshi:problem:forbidden";
  public static final String IDEMPOTENCY_KEY_REUSED = "urn:shuoshi:problem:idempotency-key-reused";

  private ApiProblems() {}

  public static ResponseEntity<ProblemDetail> invalid(Map<String, String> errors) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, INVALID_INPUT, "提交的内容未通过校验",
        "共有" + errors.size() + "处需要更正：" + String.join("；", errors.values()));
    problem.setProperty("errors", errors);
    return answer(problem);
  }

  public static ResponseEntity<ProblemDetail> notFound(String detail) {
    return answer(problem(HttpStatus.NOT_FOUND, NOT_FOUND, "未找到", detail));
  }

  public static ResponseEntity<ProblemDetail> of(HttpStatus status, String type, String title, String detail) {
    return answer(problem(status, type, title, detail));
  }

  private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(type));
    problem.setTitle(title);
    return problem;
  }

  private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }
}
