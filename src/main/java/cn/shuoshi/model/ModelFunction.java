package cn.shuoshi.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method of a Spring bean in {@code cn.shuoshi} that deployed models may call in an
 * expression, as {@code ${beanName.method(...)}} (for example {@code ${org.villageCommittee(villageCode)}}).
 * Nothing else of such a bean is reachable from a model (cn.shuoshi.security.models.ModelAllowList): the list of offered
 * functions is read from this annotation at every deployment, so a new method is offered by marking it.
 *
 * <p>Mark only methods that read and answer (no writes, no side effects), and that take and return
 * plain values: a model's expression runs with the engine's rights, inside its transaction. A name is
 * offered only if every public method of that name on the bean is marked (overloads are chosen by
 * the number of arguments, so an unmarked overload would otherwise be reachable).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ModelFunction {}
