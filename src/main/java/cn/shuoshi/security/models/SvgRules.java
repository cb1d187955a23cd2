package cn.shuoshi.security.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * A diagram image in SVG is served back by the engine REST API as image/svg+xml, on the service's
 * own origin: it may draw, not script (no script, event handlers, javascript: links or embedded
 * documents).
 */
final class SvgRules {

  List<ModelProblem> check(String resource, Document document) {
    List<ModelProblem> problems = new ArrayList<>();
    visit(resource, document.getDocumentElement(), problems);
    return problems;
  }

  private void visit(String resource, Element element, List<ModelProblem> problems) {
    String name = ModelXml.localName(element).toLowerCase(Locale.ROOT);
    if (name.equals("script") || name.equals("foreignobject") || name.equals("iframe") || name.equals("embed")
        || name.equals("object")) {
      problems.add(new ModelProblem(resource, ModelXml.idOf(element), "图片中不允许脚本或嵌入内容（" + ModelXml.localName(element) + "）"));
      return;
    }
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attribute = (Attr) attributes.item(i);
      String attributeName = ModelXml.localName(attribute).toLowerCase(Locale.ROOT);
      String value = attribute.getValue().toLowerCase(Locale.ROOT).replaceAll("\\s", "");
      if (attributeName.startsWith("on") || value.contains("javascript:")) {
        problems.add(new ModelProblem(resource, ModelXml.idOf(element), "图片中不允许脚本（" + attribute.getName() + "）"));
      }
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e) {
        visit(resource, e, problems);
      }
    }
  }
}
