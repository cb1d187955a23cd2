package cn.shuoshi.security.models;

import cn.shuoshi.model.ModelFunction;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * What the service offers to deployed models, read from the application context at every check so
 * that a new delegate or a newly marked {@link ModelFunction} is offered without a list to maintain:
 *
 * <ul>
 *   <li>delegates: Spring beans of the service ({@code cn.shuoshi}) implementing {@link JavaDelegate},
 *       {@link ExecutionListener} or {@link TaskListener}, named in {@code camunda:delegateExpression};
 *   <li>functions: the {@link ModelFunction} methods of the service's beans ({@code org}, {@code closeOut}).
 * </ul>
 *
 * Every other bean is closed to models. Only bean definitions are read (no bean is created), because
 * the service's own models are checked while the engine itself is still being built.
 */
@Component
public class ModelOffer {

  private static final String SERVICE_PACKAGE = "cn.shuoshi.";
  private static final List<Class<?>> DELEGATE_TYPES = List.of(JavaDelegate.class, ExecutionListener.class,
      TaskListener.class);

  private final ApplicationContext context;

  public ModelOffer(ApplicationContext context) {
    this.context = context;
  }

  /** Whether an expression's identifier resolves to a bean: the engine's resolver asks the same question. */
  public boolean isBean(String name) {
    return context.containsBean(name);
  }

  /** Whether {@code name} is a delegate the service offers for {@code camunda:delegateExpression}. */
  public boolean isDelegate(String name) {
    Class<?> type = serviceType(name);
    return type != null && DELEGATE_TYPES.stream().anyMatch(t -> t.isAssignableFrom(type));
  }

  /** The offered method names of the bean {@code name}; empty when it offers none (or is no bean of ours). */
  public SortedSet<String> functionsOf(String name) {
    Class<?> type = serviceType(name);
    SortedSet<String> offered = new TreeSet<>();
    if (type == null) {
      return offered;
    }
    Set<String> unmarked = new TreeSet<>();
    for (Method method : type.getMethods()) {
      if (Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      (method.isAnnotationPresent(ModelFunction.class) ? offered : unmarked).add(method.getName());
    }
    // An overload without the mark would be reachable under the same name: offer the name only if all are marked.
    offered.removeAll(unmarked);
    return offered;
  }

  /** Every offered delegate, by bean name (documentation, tests). */
  public SortedSet<String> delegates() {
    SortedSet<String> delegates = new TreeSet<>();
    for (String name : beanNames()) {
      if (isDelegate(name)) {
        delegates.add(name);
      }
    }
    return delegates;
  }

  /** Every bean offering functions, with its offered method names (documentation, tests). */
  public SortedMap<String, SortedSet<String>> functions() {
    SortedMap<String, SortedSet<String>> functions = new TreeMap<>();
    for (String name : beanNames()) {
      SortedSet<String> methods = functionsOf(name);
      if (!methods.isEmpty()) {
        functions.put(name, methods);
      }
    }
    return functions;
  }

  private String[] beanNames() {
    // Singletons registered by hand (the benchmark's) count too; nothing is initialised to answer.
    return context.getBeanNamesForType(Object.class, true, false);
  }

  /** The bean's own class if it is one of the service's beans, else null. */
  private Class<?> serviceType(String name) {
    if (name == null || !context.containsBean(name)) {
      return null;
    }
    Class<?> type;
    try {
      type = context.getType(name, false);
    } catch (NoSuchBeanDefinitionException e) {
      return null;
    }
    if (type == null) {
      return null;
    }
    Class<?> own = ClassUtils.getUserClass(type);
    return own.getName().startsWith(SERVICE_PACKAGE) ? own : null;
  }
}
