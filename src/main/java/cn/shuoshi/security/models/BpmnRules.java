package cn.shuoshi.security.models;

import cn.shuoshi.ledger.MatterState;
import cn.shuoshi.model.StepPropertyNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The rules for a BPMN file. Camunda's extensions are allowed by list (attributes and extension
 * elements not listed are refused: a new way to load code is refused until someone allows it), the
 * BPMN elements that run scripts or import code are refused wherever they stand (the engine finds
 * them by local name, whatever their namespace), and every expression in any attribute or text is
 * checked by {@link ExpressionRules}.
 */
final class BpmnRules {

  /** camunda:… attributes on BPMN elements that configure, but load and run nothing. */
  private static final Set<String> CAMUNDA_ATTRIBUTES = Set.of("async", "asyncBefore", "asyncAfter", "exclusive",
      "jobPriority", "taskPriority", "historyTimeToLive", "versionTag", "isStartableInTasklist",
      "candidateStarterGroups", "candidateStarterUsers", "initiator", "assignee", "candidateUsers",
      "candidateGroups", "dueDate", "followUpDate", "priority", "formRef", "formRefBinding", "formRefVersion",
      "delegateExpression", "expression", "resultVariable", "decisionRef", "decisionRefBinding",
      "decisionRefVersion", "decisionRefVersionTag", "decisionRefTenantId", "mapDecisionResult",
      "calledElementBinding", "calledElementVersion", "calledElementVersionTag", "calledElementTenantId",
      "collection", "elementVariable", "errorCodeVariable", "errorMessageVariable", "escalationCodeVariable",
      "variableName", "variableEvents", "modelerTemplate", "modelerTemplateVersion");

  /** Camunda extension elements allowed, with the attributes each may carry. */
  private static final Map<String, Set<String>> CAMUNDA_ELEMENTS = Map.ofEntries(
      Map.entry("inputOutput", Set.of()),
      Map.entry("inputParameter", Set.of("name")),
      Map.entry("outputParameter", Set.of("name")),
      Map.entry("list", Set.of()),
      Map.entry("map", Set.of()),
      Map.entry("entry", Set.of("key")),
      Map.entry("value", Set.of()),
      Map.entry("in", Set.of("source", "sourceExpression", "target", "variables", "local", "businessKey")),
      Map.entry("out", Set.of("source", "sourceExpression", "target", "variables", "local")),
      Map.entry("executionListener", Set.of("event", "expression", "delegateExpression")),
      Map.entry("taskListener", Set.of("event", "expression", "delegateExpression", "id")),
      Map.entry("properties", Set.of()),
      Map.entry("property", Set.of("id", "name", "value")),
      Map.entry("failedJobRetryTimeCycle", Set.of()));

  /** BPMN elements that run scripts or load code. */
  private static final Map<String, String> REFUSED_ELEMENTS = Map.of(
      "scriptTask", "不允许脚本任务（scriptTask）：模型不能运行脚本",
      "script", "不允许脚本（script）：模型不能运行脚本",
      "import", "不允许导入（import）",
      "connector", "不允许连接器（connector）");

  /** What the designer is told about the camunda:… attributes that load or run code. */
  private static final Map<String, String> REFUSED_ATTRIBUTES = Map.ofEntries(
      Map.entry("class", "不允许 camunda:class：模型不能加载 Java 类，请使用服务提供的委托（camunda:delegateExpression=\"${名称}\"）"),
      Map.entry("variableMappingClass", "不允许 camunda:variableMappingClass：模型不能加载 Java 类"),
      Map.entry("variableMappingDelegateExpression", "不允许 camunda:variableMappingDelegateExpression"),
      Map.entry("formHandlerClass", "不允许 camunda:formHandlerClass：模型不能加载 Java 类"),
      Map.entry("type", "不允许 camunda:type（外部任务、邮件或 shell 任务）"),
      Map.entry("topic", "不允许外部任务（camunda:topic）"),
      Map.entry("resource", "不允许 camunda:resource（外部脚本）"),
      Map.entry("scriptFormat", "不允许脚本（scriptFormat）：模型不能运行脚本"),
      Map.entry("formKey", "不允许 camunda:formKey：表单请使用 Camunda Forms（camunda:formRef）"));

  /** Unqualified attributes of BPMN elements that make the engine run a script or load a class. */
  private static final Map<String, String> REFUSED_PLAIN_ATTRIBUTES = Map.of(
      "language", "不允许脚本条件（language）：条件只能是表达式",
      "scriptFormat", "不允许脚本（scriptFormat）：模型不能运行脚本",
      "class", "不允许 class：模型不能加载 Java 类",
      "resource", "不允许 resource（外部脚本）");

  private static final Map<String, String> REFUSED_CAMUNDA_ELEMENTS = Map.ofEntries(
      Map.entry("script", "不允许脚本（camunda:script）：模型不能运行脚本"),
      Map.entry("connector", "不允许连接器（camunda:connector）"),
      Map.entry("field", "不允许字段注入（camunda:field）"),
      Map.entry("formData", "不允许生成式表单（camunda:formData）：表单请使用 Camunda Forms（camunda:formRef）"),
      Map.entry("formProperty", "不允许生成式表单（camunda:formProperty）：表单请使用 Camunda Forms（camunda:formRef）"),
      Map.entry("errorEventDefinition", "不允许外部任务的错误定义（camunda:errorEventDefinition）"));

  /** BPMN elements a task listener's timeout holds inside camunda:taskListener. */
  private static final Set<String> TIMEOUT_ELEMENTS = Set.of("timerEventDefinition", "timeDate", "timeDuration",
      "timeCycle");

  private final ExpressionRules expressions;

  BpmnRules(ExpressionRules expressions) {
    this.expressions = expressions;
  }

  List<ModelProblem> check(String resource, Document document) {
    List<ModelProblem> problems = new ArrayList<>();
    visit(resource, document.getDocumentElement(), false, problems);
    return problems;
  }

  private void visit(String resource, Element element, boolean inExtension, List<ModelProblem> problems) {
    String name = ModelXml.localName(element);
    String refused = refusal(element, name, inExtension);
    if (refused != null) {
      problems.add(new ModelProblem(resource, ModelXml.idOf(element), refused));
      return;
    }
    attributes(resource, element, problems);
    String text = ModelXml.text(element);
    for (String problem : expressions.check(text)) {
      problems.add(new ModelProblem(resource, ModelXml.idOf(element), label(element) + " 的内容：" + problem));
    }
    boolean extension = inExtension || "extensionElements".equals(name);
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e) {
        visit(resource, e, extension, problems);
      }
    }
  }

  /** Why the element itself is refused, or null. */
  private static String refusal(Element element, String name, boolean inExtension) {
    if (ModelXml.isCamunda(element)) {
      if ("property".equals(name) && !StepPropertyNames.known(element.getAttribute("name"))) {
        return "不认识的扩展属性“" + element.getAttribute("name") + "”：本服务只认识 "
            + String.join("、", StepPropertyNames.NAMES) + "（record、ledgerNote、submitLabel 可加“.决定值”）";
      }
      if ("property".equals(name) && "ledgerState".equals(element.getAttribute("name"))
          && Arrays.stream(MatterState.values()).noneMatch(state -> state.name().equals(element.getAttribute("value")))) {
        return "台账状态“" + element.getAttribute("value") + "”不存在：ledgerState 只能是 "
            + Arrays.stream(MatterState.values()).map(Enum::name).collect(Collectors.joining("、"));
      }
      if (CAMUNDA_ELEMENTS.containsKey(name)) {
        return null;
      }
      return REFUSED_CAMUNDA_ELEMENTS.getOrDefault(name, "不允许扩展元素 camunda:" + name);
    }
    if (REFUSED_ELEMENTS.containsKey(name)) {
      return REFUSED_ELEMENTS.get(name);
    }
    if (inExtension && !"extensionElements".equals(name)) {
      // Inside extension elements the engine looks some elements up by local name in any namespace
      // (connector, errorEventDefinition): only a task listener's timeout is BPMN there.
      boolean timeout = TIMEOUT_ELEMENTS.contains(name) && element.getParentNode() instanceof Element parent
          && (ModelXml.isCamunda(parent) && "taskListener".equals(ModelXml.localName(parent))
              || TIMEOUT_ELEMENTS.contains(ModelXml.localName(parent)));
      if (!timeout) {
        return "不允许扩展元素 " + name;
      }
    }
    return null;
  }

  private void attributes(String resource, Element element, List<ModelProblem> problems) {
    boolean camundaElement = ModelXml.isCamunda(element);
    String elementName = ModelXml.localName(element);
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attribute = (Attr) attributes.item(i);
      String namespace = attribute.getNamespaceURI();
      if (ModelXml.XMLNS.equals(namespace)) {
        continue;
      }
      String name = ModelXml.localName(attribute);
      String refused = null;
      boolean delegate = false;
      if (camundaElement) {
        if (namespace != null || !CAMUNDA_ELEMENTS.get(elementName).contains(name)) {
          refused = "class".equals(name)
              ? "不允许 camunda:" + elementName + " 的 class 属性：模型不能加载 Java 类，请使用服务提供的委托（delegateExpression=\"${名称}\"）"
              : "不允许 camunda:" + elementName + " 的属性 " + attribute.getName();
        }
        delegate = "delegateExpression".equals(name);
      } else if (namespace != null && ModelXml.CAMUNDA.contains(namespace)) {
        if (!CAMUNDA_ATTRIBUTES.contains(name)) {
          refused = REFUSED_ATTRIBUTES.getOrDefault(name, "不允许属性 camunda:" + name);
        }
        delegate = "delegateExpression".equals(name);
      } else if (namespace == null) {
        refused = REFUSED_PLAIN_ATTRIBUTES.get(name);
      }
      String id = ModelXml.idOf(element);
      if (refused != null) {
        problems.add(new ModelProblem(resource, id, refused));
        continue;
      }
      List<String> found = delegate ? expressions.checkDelegate(attribute.getValue())
          : expressions.check(attribute.getValue());
      for (String problem : found) {
        problems.add(new ModelProblem(resource, id, label(element) + " 的 " + attributeLabel(attribute) + "：" + problem));
      }
    }
  }

  private static String label(Element element) {
    return (ModelXml.isCamunda(element) ? "camunda:" : "") + ModelXml.localName(element);
  }

  private static String attributeLabel(Attr attribute) {
    return (attribute.getNamespaceURI() != null && ModelXml.CAMUNDA.contains(attribute.getNamespaceURI())
        ? "camunda:" : "") + ModelXml.localName(attribute);
  }
}
