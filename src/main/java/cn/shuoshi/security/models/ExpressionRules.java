package cn.shuoshi.security.models;

import cn.shuoshi.model.ModelFunction;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import org.camunda.bpm.impl.juel.AstBinary;
import org.camunda.bpm.impl.juel.AstBoolean;
import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstChoice;
import org.camunda.bpm.impl.juel.AstComposite;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstEval;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNested;
import org.camunda.bpm.impl.juel.AstNull;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstParameters;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.AstText;
import org.camunda.bpm.impl.juel.AstUnary;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * Checks the JUEL expressions of a model against what the service offers. The expression is parsed
 * by the engine's own JUEL parser (same features as the engine's expression factory), so this check
 * and the engine read the same tree; every node kind not named here is refused (fail closed).
 *
 * <p>Allowed: process variables, literals and the JUEL operators; the engine's functions
 * {@value #FUNCTION_LIST}; {@code execution.processBusinessKey}; {@code authenticatedUserId}; the
 * {@link ModelFunction} methods of the service's beans ({@code org.villageCommittee(villageCode)}); a
 * delegate of the service as the whole of a {@code camunda:delegateExpression}. Refused: any other
 * identifier that resolves to a Spring bean or to an engine object, any other method or function
 * call, properties naming classes or modules, and brackets with a computed index.
 */
final class ExpressionRules {

  static final String FUNCTION_LIST = "now()、dateTime()、currentUser()、currentUserGroups()";
  private static final Set<String> FUNCTIONS = Set.of("now", "dateTime", "currentUser", "currentUserGroups");
  /** Names the engine resolves to its own objects before any variable (VariableScopeElResolver and friends). */
  private static final Set<String> ENGINE_OBJECTS = Set.of("execution", "task", "externalTask", "caseExecution",
      "caseInstance", "variableScope", "variableContext");
  private static final String AUTHENTICATED_USER = "authenticatedUserId";
  private static final String BUSINESS_KEY = "processBusinessKey";

  /** The features of the engine's ExpressionFactoryImpl (profile JEE6): method invocations and varargs. */
  private static final Builder PARSER = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);
  private static final Field DOT_PROPERTY = dotProperty();

  private final ModelOffer offer;

  ExpressionRules(ModelOffer offer) {
    this.offer = offer;
  }

  /** Whether the text holds an expression the engine would evaluate. */
  static boolean hasExpression(String text) {
    return text != null && (text.contains("${") || text.contains("#{"));
  }

  /** The problems of an attribute value or text anywhere in a model; empty when allowed. */
  List<String> check(String text) {
    if (!hasExpression(text)) {
      return List.of();
    }
    Node root = parse(text);
    if (root == null) {
      return List.of(unparsable());
    }
    Set<String> problems = new LinkedHashSet<>();
    visit(root, problems);
    return new ArrayList<>(problems);
  }

  /**
   * A {@code camunda:delegateExpression}: exactly {@code ${name}} (or {@code #{name}}), naming a delegate
   * the service offers. A variable holding a delegate is not a delegate the service offers.
   */
  List<String> checkDelegate(String text) {
    Node root = hasExpression(text) ? parse(text) : null;
    if (hasExpression(text) && root == null) {
      return List.of(unparsable());
    }
    if (!(root instanceof AstEval) || !(root.getChild(0) instanceof AstIdentifier identifier)) {
      return List.of("只能写成 ${委托名称}，名称须为服务提供的委托");
    }
    String name = identifier.getName();
    if (!offer.isDelegate(name)) {
      return List.of("“" + name + "”不是服务提供的委托（可用的委托见说明文档）");
    }
    return List.of();
  }

  private static Node parse(String text) {
    try {
      return (Node) PARSER.build(text).getRoot();
    } catch (TreeBuilderException | ClassCastException e) {
      return null;
    }
  }

  private static String unparsable() {
    return "表达式无法解析（请检查括号、引号和 ${…} 的写法）";
  }

  private void visit(Node node, Set<String> problems) {
    if (node instanceof AstText || node instanceof AstString || node instanceof AstNumber
        || node instanceof AstBoolean || node instanceof AstNull) {
      return;
    }
    if (node instanceof AstEval || node instanceof AstComposite || node instanceof AstNested
        || node instanceof AstUnary || node instanceof AstBinary || node instanceof AstChoice
        || node instanceof AstParameters) {
      children(node, problems);
    } else if (node instanceof AstIdentifier identifier) {
      identifier(identifier.getName(), problems);
    } else if (node instanceof AstDot dot) {
      dot(dot, problems);
    } else if (node instanceof AstBracket bracket) {
      bracket(bracket, problems);
    } else if (node instanceof AstMethod method) {
      method(method, problems);
    } else if (node instanceof AstFunction function) {
      function(function, problems);
    } else {
      problems.add("含有不支持的表达式写法");
    }
  }

  private void children(Node node, Set<String> problems) {
    for (int i = 0; i < node.getCardinality(); i++) {
      visit(node.getChild(i), problems);
    }
  }

  private void identifier(String name, Set<String> problems) {
    if (AUTHENTICATED_USER.equals(name)) {
      return;
    }
    if (ENGINE_OBJECTS.contains(name)) {
      problems.add("不能使用引擎内部对象“" + name + "”（只可使用 execution.processBusinessKey 和 authenticatedUserId）");
    } else if (offer.isDelegate(name)) {
      problems.add("委托“" + name + "”只能用作 camunda:delegateExpression=\"${" + name + "}\"");
    } else if (!offer.functionsOf(name).isEmpty()) {
      problems.add("“" + name + "”只能以 " + name + ".方法(…) 调用开放的方法：" + String.join("、", offer.functionsOf(name)));
    } else if (offer.isBean(name)) {
      problems.add("不能使用服务内部对象“" + name + "”（模型只能使用流程变量、文字、运算符和开放的函数）");
    }
  }

  private void dot(AstDot dot, Set<String> problems) {
    Node prefix = dot.getChild(0);
    String property = property(dot);
    if (prefix instanceof AstIdentifier identifier && "execution".equals(identifier.getName())
        && BUSINESS_KEY.equals(property)) {
      return;
    }
    property(property, problems);
    visit(prefix, problems);
  }

  private void bracket(AstBracket bracket, Set<String> problems) {
    Node index = bracket.getChild(1);
    if (index instanceof AstString string) {
      property(String.valueOf(string.eval(null, null)), problems);
    } else if (!(index instanceof AstNumber)) {
      problems.add("方括号中只能写文字或数字下标");
    }
    visit(bracket.getChild(0), problems);
  }

  private void method(AstMethod method, Set<String> problems) {
    Node target = method.getChild(0);
    Node parameters = method.getChild(1);
    if (target instanceof AstDot dot && dot.getChild(0) instanceof AstIdentifier bean) {
      String name = property(dot);
      SortedSet<String> offered = offer.functionsOf(bean.getName());
      if (offered.contains(name)) {
        visit(parameters, problems);
        return;
      }
      if (!offered.isEmpty()) {
        problems.add("“" + bean.getName() + "”的方法“" + name + "”未开放给模型（开放的方法：" + String.join("、", offered) + "）");
        visit(parameters, problems);
        return;
      }
    }
    // What the method is called on first: "identityService" tells the designer more than its method.
    visit(target.getChild(0), problems);
    String name = target instanceof AstDot dot ? property(dot) : "[…]";
    problems.add("不允许调用方法“" + name + "”（只能调用开放的函数，如 org.villageCommittee(villageCode)；"
        + "判断是否为空请用 empty 运算符）");
    visit(parameters, problems);
  }

  private void function(AstFunction function, Set<String> problems) {
    if (!FUNCTIONS.contains(function.getName())) {
      problems.add("不允许函数“" + function.getName() + "”（可用的函数：" + FUNCTION_LIST + "）");
    }
    children(function, problems);
  }

  /** Properties that lead from a value to classes, class loaders or modules. */
  private static void property(String name, Set<String> problems) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.contains("class") || lower.equals("module") || lower.equals("protectiondomain")) {
      problems.add("不允许访问属性“" + name + "”");
    }
  }

  private static String property(AstDot dot) {
    try {
      return (String) DOT_PROPERTY.get(dot);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read the property of a JUEL dot node", e);
    }
  }

  private static Field dotProperty() {
    try {
      Field field = AstDot.class.getDeclaredField("property");
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      // A JUEL without this field cannot be checked: refuse to start rather than deploy unchecked models.
      throw new IllegalStateException("the JUEL parser changed: AstDot.property not found", e);
    }
  }
}
