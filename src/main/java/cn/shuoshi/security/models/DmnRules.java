package cn.shuoshi.security.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The rules for a DMN file: FEEL only. FEEL reaches the decision's variables and its built-in
 * functions, nothing of the service; JUEL and scripts ({@code expressionLanguage} juel, javascript,
 * groovy …) would reach everything. External Java functions are off in the engine's FEEL and refused
 * here as well.
 */
final class DmnRules {

  /** The names the engine's DMN evaluation takes for FEEL (ExpressionEvaluationHandler.isFeelExpressionLanguage). */
  private static final Set<String> FEEL = Set.of("http://www.omg.org/spec/FEEL/20140401",
      "http://www.omg.org/spec/DMN/20180521/FEEL/", "https://www.omg.org/spec/DMN/20191111/FEEL/",
      "https://www.omg.org/spec/DMN/20211108/FEEL/", "https://www.omg.org/spec/DMN/20230324/FEEL/");
  private static final Set<String> CAMUNDA_ATTRIBUTES = Set.of("inputVariable", "historyTimeToLive", "versionTag");
  private static final Pattern FEEL_STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");
  private static final Pattern EXTERNAL = Pattern.compile("\\bexternal\\b", Pattern.CASE_INSENSITIVE);

  static boolean isFeel(String language) {
    return language != null && (FEEL.contains(language) || "feel".equals(language.toLowerCase(Locale.ROOT)));
  }

  List<ModelProblem> check(String resource, Document document) {
    List<ModelProblem> problems = new ArrayList<>();
    visit(resource, document.getDocumentElement(), problems);
    return problems;
  }

  private void visit(String resource, Element element, List<ModelProblem> problems) {
    String name = ModelXml.localName(element);
    String id = ModelXml.idOf(element);
    if (ModelXml.isCamunda(element)) {
      problems.add(new ModelProblem(resource, id, "不允许扩展元素 camunda:" + name));
      return;
    }
    if ("import".equals(name)) {
      problems.add(new ModelProblem(resource, id, "不允许导入（import）"));
      return;
    }
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attribute = (Attr) attributes.item(i);
      String namespace = attribute.getNamespaceURI();
      if (ModelXml.XMLNS.equals(namespace)) {
        continue;
      }
      String attributeName = ModelXml.localName(attribute);
      if (namespace != null && ModelXml.CAMUNDA.contains(namespace) && !CAMUNDA_ATTRIBUTES.contains(attributeName)) {
        problems.add(new ModelProblem(resource, id, "不允许属性 camunda:" + attributeName));
      } else if (namespace == null && "expressionLanguage".equals(attributeName) && !isFeel(attribute.getValue())) {
        problems.add(new ModelProblem(resource, id, "表达式语言只能是 FEEL，不允许“" + attribute.getValue() + "”"));
      }
      juel(resource, id, attribute.getValue(), problems);
    }
    String text = ModelXml.text(element);
    juel(resource, id, text, problems);
    // FEEL stands in the <text> of input expressions, input and output entries and literal expressions.
    if ("text".equals(name) && EXTERNAL.matcher(FEEL_STRING.matcher(text).replaceAll("\"\"")).find()) {
      problems.add(new ModelProblem(resource, id, "不允许 FEEL 外部函数（external）"));
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e) {
        visit(resource, e, problems);
      }
    }
  }

  private static void juel(String resource, String id, String text, List<ModelProblem> problems) {
    if (ExpressionRules.hasExpression(text)) {
      problems.add(new ModelProblem(resource, id, "DMN 中不允许 ${…} 表达式（JUEL），请使用 FEEL"));
    }
  }
}
