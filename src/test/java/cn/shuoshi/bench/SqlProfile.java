package cn.shuoshi.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Where a cycle's database time goes ({@code -Dbench.sql-profile=true}): every statement the service
 * runs through its data source, counted and timed by its SQL text, and every commit. The harness
 * takes a snapshot before and after a phase and prints the statements per item.
 */
final class SqlProfile implements BeanPostProcessor {

  static final class Counter {
    final LongAdder count = new LongAdder();
    final LongAdder nanos = new LongAdder();
  }

  final Map<String, Counter> bySql = new ConcurrentHashMap<>();
  /** The same, per step of a cycle ({@link #step}): which step's statements cost what. */
  final Map<String, Map<String, Counter>> byStep = new ConcurrentHashMap<>();
  /** The cycle step the calling thread is in (set by the harness), or null. */
  static final ThreadLocal<String> step = new ThreadLocal<>();
  /** Rows inserted, updated and deleted, by table, as the driver reports them for each statement. */
  final Map<String, LongAdder[]> rowsByTable = new ConcurrentHashMap<>();
  private static final java.util.regex.Pattern WRITE = java.util.regex.Pattern.compile(
      "^\\s*(insert\\s+into|update|delete\\s+from)\\s+(\\w+)", java.util.regex.Pattern.CASE_INSENSITIVE);

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof DataSource dataSource && !(Proxy.isProxyClass(bean.getClass()))) {
      return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
          (proxy, method, args) -> {
            Object result = invoke(dataSource, method, args);
            return result instanceof Connection c ? connection(c) : result;
          });
    }
    return bean;
  }

  private Connection connection(Connection c) {
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          long t0 = System.nanoTime();
          Object result = invoke(c, method, args);
          String name = method.getName();
          if (name.equals("commit") || name.equals("rollback")) {
            record("<" + name + ">", System.nanoTime() - t0);
          }
          if (result instanceof PreparedStatement p && args != null && args[0] instanceof String sql) {
            return statement(p, sql, PreparedStatement.class);
          }
          if (result instanceof Statement s && !(result instanceof PreparedStatement)) {
            return statement(s, null, Statement.class);
          }
          return result;
        });
  }

  private Object statement(Statement s, String sql, Class<?> type) {
    InvocationHandler handler = (proxy, method, args) -> {
      String name = method.getName();
      boolean runs = name.startsWith("execute");
      long t0 = System.nanoTime();
      Object result = invoke(s, method, args);
      if (runs) {
        String text = sql != null ? sql : (args != null && args.length > 0 && args[0] instanceof String q ? q : "?");
        record((name.equals("executeBatch") ? "[batch] " : "") + text, System.nanoTime() - t0);
        countRows(text, result instanceof Boolean ? s.getUpdateCount() : result);
      }
      return result;
    };
    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler);
  }

  private void record(String sql, long nanos) {
    Counter c = bySql.computeIfAbsent(normalise(sql), k -> new Counter());
    c.count.increment();
    c.nanos.add(nanos);
    String current = step.get();
    if (current != null) {
      Counter s = byStep.computeIfAbsent(current, k -> new ConcurrentHashMap<>()).computeIfAbsent(normalise(sql),
          k -> new Counter());
      s.count.increment();
      s.nanos.add(nanos);
    }
  }

  /**
   * Per step whose name starts with {@code prefix}: statements and database milliseconds per item,
   * then its {@code top} most expensive statements.
   */
  void printSteps(Results results, String prefix, int items, int top) {
    byStep.forEach((name, statements) -> {
      if (!name.startsWith(prefix)) {
        return;
      }
      List<Map.Entry<String, Counter>> rows = new ArrayList<>(statements.entrySet());
      rows.sort((a, b) -> Long.compare(b.getValue().nanos.sum(), a.getValue().nanos.sum()));
      long count = rows.stream().mapToLong(e -> e.getValue().count.sum()).sum();
      long nanos = rows.stream().mapToLong(e -> e.getValue().nanos.sum()).sum();
      results.log(String.format(java.util.Locale.ROOT, "SQL in step %s: %.1f statements, %.1f ms per item", name,
          count / (double) items, nanos / 1e6 / items));
      for (Map.Entry<String, Counter> e : rows.subList(0, Math.min(top, rows.size()))) {
        results.log(String.format(java.util.Locale.ROOT, "    %6.2f/item %7.2f ms/item  %s",
            e.getValue().count.sum() / (double) items, e.getValue().nanos.sum() / 1e6 / items, e.getKey()));
      }
    });
  }

  private void countRows(String sql, Object counts) {
    java.util.regex.Matcher write = WRITE.matcher(sql);
    if (!write.find()) {
      return;
    }
    long rows = 0;
    if (counts instanceof Integer n) {
      rows = Math.max(n, 0);
    } else if (counts instanceof int[] batch) {
      for (int n : batch) {
        // A batch of single-row inserts the driver rewrote into one statement (reWriteBatchedInserts)
        // reports no count per row: each entry is still one row.
        rows += n == Statement.SUCCESS_NO_INFO ? 1 : Math.max(n, 0);
      }
    }
    String verb = write.group(1).toLowerCase(java.util.Locale.ROOT);
    int kind = verb.startsWith("insert") ? 0 : verb.startsWith("update") ? 1 : 2;
    rowsByTable.computeIfAbsent(write.group(2).toLowerCase(java.util.Locale.ROOT),
        t -> new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder()})[kind].add(rows);
  }

  /** Rows inserted, updated and deleted so far, by table. */
  Map<String, long[]> rows() {
    Map<String, long[]> copy = new java.util.HashMap<>();
    rowsByTable.forEach((table, r) -> copy.put(table, new long[] {r[0].sum(), r[1].sum(), r[2].sum()}));
    return copy;
  }

  static String normalise(String sql) {
    String one = sql.replaceAll("\\s+", " ").trim();
    return one.length() > 160 ? one.substring(0, 160) : one;
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Count and nanoseconds per statement now. */
  Map<String, long[]> snapshot() {
    Map<String, long[]> copy = new java.util.HashMap<>();
    bySql.forEach((k, v) -> copy.put(k, new long[] {v.count.sum(), v.nanos.sum()}));
    return copy;
  }

  /** Prints the statements of a phase per item, the most expensive first. */
  void print(Results results, String phase, Map<String, long[]> before, int items) {
    List<Map.Entry<String, long[]>> rows = new ArrayList<>();
    long totalCount = 0;
    long totalNanos = 0;
    for (Map.Entry<String, long[]> e : snapshot().entrySet()) {
      long[] b = before.getOrDefault(e.getKey(), new long[2]);
      long[] d = {e.getValue()[0] - b[0], e.getValue()[1] - b[1]};
      if (d[0] > 0) {
        rows.add(Map.entry(e.getKey(), d));
        totalCount += d[0];
        totalNanos += d[1];
      }
    }
    rows.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
    results.log(String.format(java.util.Locale.ROOT, "SQL %s: %.1f statements, %.1f ms per item", phase,
        totalCount / (double) items, totalNanos / 1e6 / items));
    for (Map.Entry<String, long[]> e : rows.subList(0, Math.min(Integer.getInteger("bench.sql-profile.rows", 40), rows.size()))) {
      results.log(String.format(java.util.Locale.ROOT, "  %6.2f/item %7.2f ms/item  %s", e.getValue()[0] / (double) items,
          e.getValue()[1] / 1e6 / items, e.getKey()));
    }
  }
}
