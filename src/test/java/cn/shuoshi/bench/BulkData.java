package cn.shuoshi.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Province-scale data by set-based SQL: every row the engine and the service wrote for a few real
 * template items (driven through the engine by the harness, all in village LS01) is copied
 * {@code INSERT … SELECT … generate_series} times, table by table, with fresh ids, a synthetic village
 * of the province and, for history, times spread back over a year. The copies are what the engine
 * would have written for the same items; only PostgreSQL is supported.
 */
final class BulkData {

  /** Varchar columns holding ids of the item's own rows: they get a per-copy suffix. */
  static final Set<String> OWN_IDS = Set.of("id_", "proc_inst_id_", "root_proc_inst_id_", "execution_id_", "task_id_",
      "act_inst_id_", "parent_act_inst_id_", "call_proc_inst_id_", "super_process_instance_id_", "super_exec_",
      "parent_id_", "bytearray_id_", "var_inst_id_", "process_instance_id_", "exception_stack_id_", "parent_task_id_",
      "var_scope_", "dec_inst_id_", "root_dec_inst_id_", "clause_id_x", "process_instance_id", "byte_array_id_",
      "scope_act_inst_id_", "proc_inst_id", "event_subscr_id_", "job_id_", "root_proc_inst_id");
  /** Columns never rewritten. */
  static final Set<String> KEEP = Set.of("proc_def_id_", "proc_def_key_", "deployment_id_", "tenant_id_", "job_def_id_",
      "act_id_", "task_def_key_", "dec_def_id_", "dec_def_key_", "dec_req_id_", "dec_req_key_", "process_def_id_",
      "process_def_key_", "handler_type_", "type_", "name_", "var_type_", "duedate_", "lock_exp_time_", "lock_owner_",
      "act_type_", "state_", "delete_reason_", "clause_id_", "rule_id_", "bytes_");

  private final JdbcTemplate jdbc;
  private final int villages;
  private final java.util.regex.Pattern copied;

  /**
   * @param jdbc on one connection of its own (session settings apply to every statement)
   * @param tables which engine tables to copy (a regular expression; the service's tables are always copied) */
  BulkData(JdbcTemplate jdbc, int villages, String tables) {
    this.jdbc = jdbc;
    this.villages = villages;
    this.copied = java.util.regex.Pattern.compile(tables);
  }

  /** Village, town and county codes of the synthetic province: 15 villages a town, 10 towns a county. */
  String village(String c) {
    return "('V' || lpad(((" + c + ") % " + villages + ")::text, 5, '0'))";
  }

  String town(String c) {
    return "('T' || lpad((((" + c + ") % " + villages + ") / 15)::text, 4, '0'))";
  }

  static String villageCode(int i) {
    return String.format("V%05d", i);
  }

  static String townCode(int i) {
    return String.format("T%04d", i / 15);
  }

  static String countyCode(int townIndex) {
    return String.format("C%03d", townIndex / 10);
  }

  /** The province's units, for the ledger's foreign keys and the rates' tree. */
  void createProvince() {
    int towns = (villages + 14) / 15;
    int counties = (towns + 9) / 10;
    jdbc.update("insert into org_unit (code, name, level, parent_code) select 'C' || lpad(i::text, 3, '0'), "
        + "'县' || i, 'COUNTY', null from generate_series(0, ?) i on conflict do nothing", counties - 1);
    jdbc.update("insert into org_unit (code, name, level, parent_code) select 'T' || lpad(i::text, 4, '0'), "
        + "'镇' || i, 'TOWN', 'C' || lpad((i / 10)::text, 3, '0') from generate_series(0, ?) i on conflict do nothing",
        towns - 1);
    jdbc.update("insert into org_unit (code, name, level, parent_code) select 'V' || lpad(i::text, 5, '0'), "
        + "'村' || i, 'VILLAGE', 'T' || lpad((i / 15)::text, 4, '0') from generate_series(0, ?) i "
        + "on conflict do nothing", villages - 1);
  }

  /**
   * Copies the rows of the template items {@code roots} (root process instance ids) {@code copies}
   * times. Copy number c = base + k·T + template index; history times move back by c mod spreadDays days.
   */
  long copy(List<String> roots, int copies, long base, int spreadDays, boolean runtime, Results log) {
    int t = roots.size();
    jdbc.execute("drop table if exists bench_tmpl_root, bench_tmpl_pi, bench_tmpl_task, bench_tmpl_matter");
    jdbc.execute("create unlogged table bench_tmpl_root (root varchar(64) primary key, ti int not null)");
    for (int i = 0; i < t; i++) {
      jdbc.update("insert into bench_tmpl_root values (?, ?)", roots.get(i), i);
    }
    jdbc.execute("create unlogged table bench_tmpl_pi as select p.proc_inst_id_ as pi, r.ti from act_hi_procinst p "
        + "join bench_tmpl_root r on r.root = p.root_proc_inst_id_");
    jdbc.execute("create unlogged table bench_tmpl_task as select k.id_ as task, p.ti from act_ru_task k "
        + "join bench_tmpl_pi p on p.pi = k.proc_inst_id_");
    jdbc.execute("create unlogged table bench_tmpl_matter as select m.id as matter, p.ti from matter m "
        + "join bench_tmpl_pi p on p.pi = m.process_instance_id");

    List<String> tables = jdbc.queryForList("select table_name from information_schema.tables where table_schema = "
        + "current_schema() and table_type = 'BASE TABLE' and (table_name like 'act_hi_%' or table_name like 'act_ru_%' "
        + "or table_name = 'act_ge_bytearray') order by table_name", String.class);
    // Parents before children, for the foreign keys when they are checked.
    List<String> order = new ArrayList<>(List.of("act_ge_bytearray", "act_ru_execution", "act_ru_task"));
    tables.stream().filter(n -> !order.contains(n)).forEach(order::add);
    long rows = 0;
    // A superuser skips the foreign-key triggers while copying (jdbc holds one connection); others check them.
    try {
      jdbc.execute("set session_replication_role = replica");
    } catch (org.springframework.dao.DataAccessException e) {
      log.log("foreign keys are checked while copying (not a superuser)");
    }
    try {
      int batch = Math.max(1, 20_000 / Math.max(1, t));
      for (String table : order) {
        if (!runtime && table.startsWith("act_ru_")) {
          continue;
        }
        String member = membership(table);
        if (member == null || !copied.matcher(table).matches()) {
          continue;
        }
        long n = 0;
        long t0 = System.nanoTime();
        for (int k = 0; k < copies; k += batch) {
          n += jdbc.update(insert(table, member, t, base, k, Math.min(copies, k + batch) - 1, spreadDays, null));
        }
        rows += n;
        if (n > 0) {
          log.log(table + ": " + n + " rows in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
      }
      int batch2 = batch;
      long n = 0;
      long t0 = System.nanoTime();
      for (int k = 0; k < copies; k += batch2) {
        n += jdbc.update(insert("matter", "join bench_tmpl_matter x on x.matter = t.id", t, base, k,
            Math.min(copies, k + batch2) - 1, spreadDays, "matter"));
      }
      long e = 0;
      for (int k = 0; k < copies; k += batch2) {
        e += jdbc.update(insert("matter_event", "join bench_tmpl_matter x on x.matter = t.matter_id", t, base, k,
            Math.min(copies, k + batch2) - 1, spreadDays, "matter_event"));
      }
      log.log("matter: " + n + " rows, matter_event: " + e + " rows in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      rows += n + e;
    } finally {
      try {
        jdbc.execute("set session_replication_role = origin");
      } catch (org.springframework.dao.DataAccessException e) {
        // was never changed
      }
    }
    jdbc.execute("select setval(pg_get_serial_sequence('matter', 'id'), (select max(id) from matter))");
    jdbc.execute("select setval(pg_get_serial_sequence('matter_event', 'id'), (select max(id) from matter_event))");
    jdbc.execute("drop table if exists bench_tmpl_root, bench_tmpl_pi, bench_tmpl_task, bench_tmpl_matter");
    return rows;
  }

  /** How a table's rows belong to a template item (a join giving x.ti), or null when they do not. */
  private String membership(String table) {
    Set<String> cols = columns(table).keySet();
    if (table.equals("act_ru_identitylink")) {
      return "join bench_tmpl_task x on x.task = t.task_id_";
    }
    if (table.equals("act_ru_execution")) {
      // Not by root: the engine leaves ROOT_PROC_INST_ID_ empty on some executions (a call activity's
      // super execution among them), and a copy without them breaks the sub-instance's foreign key.
      return "join bench_tmpl_pi x on x.pi = t.proc_inst_id_";
    }
    if (table.equals("act_ge_bytearray")) {
      return "join bench_tmpl_root x on x.root = t.root_proc_inst_id_";
    }
    if (cols.contains("root_proc_inst_id_")) {
      return "join bench_tmpl_root x on x.root = t.root_proc_inst_id_";
    }
    if (cols.contains("proc_inst_id_")) {
      return "join bench_tmpl_pi x on x.pi = t.proc_inst_id_";
    }
    return null;
  }

  private Map<String, String> columns(String table) {
    return jdbc.queryForList("select column_name, data_type from information_schema.columns where table_schema = "
            + "current_schema() and table_name = ? order by ordinal_position", table).stream()
        .collect(Collectors.toMap(r -> (String) r.get("column_name"), r -> (String) r.get("data_type"),
            (a, b) -> a, java.util.LinkedHashMap::new));
  }

  private String insert(String table, String member, int t, long base, int kFrom, int kTo, int spreadDays,
      String own) {
    Map<String, String> cols = columns(table);
    String c = "t.c_";
    String v = village(c);
    List<String> names = new ArrayList<>();
    List<String> exprs = new ArrayList<>();
    for (Map.Entry<String, String> col : cols.entrySet()) {
      String name = col.getKey();
      String type = col.getValue();
      String ref = "t." + name;
      String expr;
      if ("matter".equals(own)) {
        expr = switch (name) {
          case "id" -> "10000000 + " + c;
          case "matter_number" -> v + " || '-2026-' || lpad((" + c + ")::text, 8, '0')";
          case "village_code" -> v;
          case "town_code" -> town(c);
          case "process_instance_id" -> "md5(" + ref + " || '~' || " + c + ")";
          default -> null;
        };
      } else if ("matter_event".equals(own)) {
        expr = switch (name) {
          case "id" -> null;
          case "matter_id" -> "10000000 + " + c;
          default -> null;
        };
        if (name.equals("id")) {
          continue;
        }
      } else if (name.equals("business_key_")) {
        expr = "case when " + ref + " is null then null else " + v + " || '-2026-' || lpad((" + c
            + ")::text, 8, '0') end";
      } else {
        expr = null;
      }
      if (expr == null) {
        if (own == null && OWN_IDS.contains(name) && type.startsWith("character")) {
          // md5 keeps every id within varchar(64) and maps the same template id to the same copy id in every table.
          expr = "md5(" + ref + " || '~' || " + c + ")";
        } else if (KEEP.contains(name)) {
          expr = ref;
        } else if (type.startsWith("timestamp") && spreadDays > 0) {
          expr = ref + " - ((" + c + ") % " + spreadDays + ") * interval '1 day'";
        } else if (type.equals("date") && spreadDays > 0) {
          expr = ref + " - ((" + c + ") % " + spreadDays + ")::int";
        } else if (type.startsWith("character") || type.equals("text")) {
          // Group ids, cadres and texts of village LS01 become those of the copy's village.
          expr = "replace(replace(" + ref + ", 'LS01', " + v + "), 'ls01', lower(" + v + "))";
        } else {
          expr = ref;
        }
      }
      names.add(name);
      exprs.add(expr);
    }
    return "insert into " + table + " (" + String.join(", ", names) + ") select " + String.join(", ", exprs)
        + " from (select t.*, (" + base + " + k * " + t + " + x.ti) as c_ from " + table + " t " + member
        + " cross join generate_series(" + kFrom + ", " + kTo + ") k) t";
  }
}
