package cn.shuoshi.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;

/**
 * The ledger writes one engine command makes, written when the command ends (before the engine's own
 * writes, in the same transaction): the updates of an item's row as one UPDATE per item — a step that
 * sets the state, the deadline and the classification wrote three statements, and a cycle seventeen —
 * then the item's history lines as one batch. A refused step writes none. Outside an engine command
 * they are written at once.
 *
 * <p>Two updates of the same column in one command (a counter moved twice, a state set twice) are
 * not merged: the earlier one is written first, as it would have been. Reading the ledger inside the
 * command writes what is pending first ({@link LedgerRepository}), so a step reads what it wrote.
 */
final class PendingWrites {

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

  private static final ThreadLocal<Map<CommandContext, PendingWrites>> OPEN = ThreadLocal.withInitial(IdentityHashMap::new);

  private final Map<LedgerKey, Row> rows = new LinkedHashMap<>();
  private final List<LedgerKey> eventItems = new ArrayList<>();
  private final List<Object[]> events = new ArrayList<>();
  private final Consumer<Row> write;
  private final BiConsumer<List<LedgerKey>, List<Object[]>> writeEvents;

  private PendingWrites(Consumer<Row> write, BiConsumer<List<LedgerKey>, List<Object[]>> writeEvents) {
    this.write = write;
    this.writeEvents = writeEvents;
  }

  /** The pending updates of the running engine command, or null outside one. */
  static PendingWrites ofCommand(Consumer<Row> write, BiConsumer<List<LedgerKey>, List<Object[]>> writeEvents) {
    CommandContext command = Context.getCommandContext();
    if (command == null) {
      return null;
    }
    Map<CommandContext, PendingWrites> open = OPEN.get();
    PendingWrites pending = open.get(command);
    if (pending == null) {
      PendingWrites created = new PendingWrites(write, writeEvents);
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
    PendingWrites pending = command == null ? null : OPEN.get().get(command);
    if (pending != null) {
      pending.writeAll();
    }
  }

  private static void forget(CommandContext command) {
    Map<CommandContext, PendingWrites> open = OPEN.get();
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
    if (row != null && parts.stream().map(PendingWrites::column).anyMatch(row.assignments::containsKey)) {
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
    row.values.addAll(Arrays.asList(values));
    row.updatedAt = updatedAt;
  }

  /** A history line ({@code args} of the insert) of the item, written after the rows' updates. */
  void addEvent(LedgerKey item, Object[] args) {
    eventItems.add(item);
    events.add(args);
  }

  private void writeAll() {
    List<Row> all = new ArrayList<>(rows.values());
    rows.clear();
    all.forEach(write);
    if (!events.isEmpty()) {
      List<LedgerKey> items = new ArrayList<>(eventItems);
      List<Object[]> lines = new ArrayList<>(events);
      eventItems.clear();
      events.clear();
      writeEvents.accept(items, lines);
    }
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
