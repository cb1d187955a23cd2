package cn.shuoshi.security.models;

import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A deployment refused because a file holds something models may not use. Thrown before anything is
 * written, so the deployment's transaction leaves nothing behind. The engine REST API answers 400
 * with the message and each problem ({@code web.SubmissionAwareJerseyConfig}).
 */
public class ModelNotAllowedException extends BadUserRequestException {

  /** The message names this many problems at most; the list holds them all. */
  static final int LISTED = 20;

  private final List<ModelProblem> problems;

  public ModelNotAllowedException(List<ModelProblem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  public List<ModelProblem> getProblems() {
    return problems;
  }

  private static String message(List<ModelProblem> problems) {
    StringBuilder message = new StringBuilder("部署被拒绝，未部署任何内容。模型中有不允许的内容：");
    for (int i = 0; i < Math.min(LISTED, problems.size()); i++) {
      message.append(i == 0 ? "" : "；").append(problems.get(i));
    }
    if (problems.size() > LISTED) {
      message.append("；另有 ").append(problems.size() - LISTED).append(" 处");
    }
    return message.append("。").toString();
  }
}
