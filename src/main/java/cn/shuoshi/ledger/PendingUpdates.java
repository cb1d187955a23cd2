package cn.shuoshi.ledger;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;

/**
 * The updates of the item's ledger row that one engine command makes, written as one UPDATE per item
 * when the command ends (before the engine's own writes, in the same transaction): a step that sets
 * the state, the deadline and the classification wrote three statements, and a cycle seventeen.
 * A refused step writes none. Outside an engine command an update is written at once.
 *
 * <p>Two updates of the same column in one command (a counter moved twice, a state set twice) are
 * not merged: the earlier one is written first, as it would have been. Reading the ledger inside the
 * command writes what is pending first ({@link LedgerRepository}), so a step reads what it wrote.
 */
final class PendingUpdates {

  /** One item's row: its columns' assignments in the order made, and their values. */
  static final class Row {
    final LedgerKey item;
    final Map<String, String> assignments = new LinkedHashMap<>();
    final List<Object> values = new ArrayList<>();
    Object updatedAt;

    Row(LedgerKey item) {
      this.item = item;
    }
  }

  private static final ThreadLocal<Map<CommandContext, PendingUpdates>> OPEN = ThreadLocal.withInitial(IdentityHashMap::new);

  private final Map<LedgerKey, Row> rows = new LinkedHashMap<>();
  private final Consumer<Row> write;

  private PendingUpdates(Consumer<Row> write) {
    this.write = write;
  }

  /** The pending updates of the running engine command, or null outside one. */
  static PendingUpdates ofCommand(Consumer<Row> write) {
    CommandContext command = Context.getCommandContext();
    if (command == null) {
      return null;
    }
    Map<CommandContext, PendingUpdates> open = OPEN.get();
    PendingUpdates pending = open.get(command);
    if (pending == null) {
      PendingUpdates created = new PendingUpdates(write);
      open.put(command, created);
      command.registerCommandContextListener(new CommandContextListener() {
        @Override
        public void onCommandContextClose(CommandContext context) {
          forget(context);
          created.writeAll();
        }

        @Override
        public void onCommandFailed(CommandContext context, Throwable t) {
          forget(context);
        }
      });
      pending = created;
    }
    return pending;
  }

  /** Writes what the running command has pending (before the ledger is read inside it). */
  static void writeForCommand() {
    CommandContext command = Context.getCommandContext();
    PendingUpdates pending = command == null ? null : OPEN.get().get(command);
    if (pending != null) {
      pending.writeAll();
    }
  }

  private static void forget(CommandContext command) {
    Map<CommandContext, PendingUpdates> open = OPEN.get();
    open.remove(command);
    if (open.isEmpty()) {
      OPEN.remove();
    }
  }

  /**
   * Adds {@code assignments} ("a = ?, b = coalesce(b, ?)") with their values to the item's pending
   * update; an item whose pending update already assigns one of the columns is written first.
   */
  void add(LedgerKey item, String assignments, Object[] values, Object updatedAt) {
    List<String> parts = split(assignments);
    Row row = rows.get(item);
    if (row != null && parts.stream().map(PendingUpdates::column).anyMatch(row.assignments::containsKey)) {
      rows.remove(item);
      write.accept(row);
      row = null;
    }
    if (row == null) {
      row = new Row(item);
      rows.put(item, row);
    }
    for (String part : parts) {
      row.assignments.put(column(part), part);
    }
    row.values.addAll(java.util.Arrays.asList(values));
    row.updatedAt = updatedAt;
  }

  private void writeAll() {
    List<Row> all = new ArrayList<>(rows.values());
    rows.clear();
    all.forEach(write);
  }

  /** The assignments of a SET list, split at the commas outside parentheses. */
  static List<String> split(String assignments) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < assignments.length(); i++) {
      char c = assignments.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(assignments.substring(start, i).strip());
        start = i + 1;
      }
    }
    parts.add(assignments.substring(start).strip());
    return parts;
  }

  private static String column(String assignment) {
    return assignment.substring(0, assignment.indexOf('=')).strip();
  }
}
