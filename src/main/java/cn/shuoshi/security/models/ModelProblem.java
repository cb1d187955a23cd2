package cn.shuoshi.security.models;

/**
 * One thing a model may not do: the file, the id of the element it is in (null when none), and what
 * is not allowed, in Chinese for the designer. Never the expression's text.
 */
public record ModelProblem(String resource, String element, String problem) {

  @Override
  public String toString() {
    return resource + (element != null ? "，元素 " + element : "") + "：" + problem;
  }
}
