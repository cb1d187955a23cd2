package cn.shuoshi.security.models;

import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;

/**
 * Decides whether a deployment's file may be deployed. Designers deploy models that the engine runs
 * with its own rights; an expression or a class in a model is code. What a model may use is what the
 * service offers ({@link ModelOffer}); everything else is refused:
 *
 * <ul>
 *   <li>{@code .bpmn}, {@code .bpmn20.xml}: {@link BpmnRules} (no scripts, classes, connectors,
 *       external tasks; expressions by {@link ExpressionRules});
 *   <li>{@code .dmn}, {@code .dmn11.xml}: {@link DmnRules} (FEEL only);
 *   <li>{@code .form}: accepted (Camunda Forms JSON; its FEEL runs in the browser's form renderer);
 *   <li>{@code .png}, {@code .jpg}, {@code .jpeg}, {@code .gif}: accepted; {@code .svg}: {@link SvgRules};
 *   <li>anything else ({@code .cmmn}, scripts, HTML forms, …): refused.
 * </ul>
 */
@Component
public class ModelAllowList {

  static final String ACCEPTED = "只接受 .bpmn、.dmn、.form 模型和 .png、.jpg、.gif、.svg 图片";

  private final BpmnRules bpmn;
  private final DmnRules dmn = new DmnRules();
  private final SvgRules svg = new SvgRules();

  public ModelAllowList(ModelOffer offer) {
    this.bpmn = new BpmnRules(new ExpressionRules(offer));
  }

  /** The problems of one file of a deployment; empty when it may be deployed. */
  public List<ModelProblem> check(String resourceName, byte[] content) {
    String name = resourceName == null ? "" : resourceName;
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".form") || lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg")
        || lower.endsWith(".gif")) {
      return List.of();
    }
    boolean isBpmn = lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml");
    boolean isDmn = lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml");
    boolean isSvg = lower.endsWith(".svg");
    if (!isBpmn && !isDmn && !isSvg) {
      return List.of(new ModelProblem(name, null, "不允许部署此类文件（" + ACCEPTED + "）"));
    }
    Document document = ModelXml.parse(content == null ? new byte[0] : content);
    if (document == null) {
      return List.of(new ModelProblem(name, null, "不是有效的 XML 文件（或含有 DOCTYPE 声明），无法检查，不予部署"));
    }
    if (isBpmn) {
      return bpmn.check(name, document);
    }
    return isDmn ? dmn.check(name, document) : svg.check(name, document);
  }
}
