package cn.shuoshi.organisation;

import cn.shuoshi.audit.Origin;
import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.security.Grants;
import cn.shuoshi.settings.ShuoshiSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * In every profile: when {@code shuoshi.organisation.dir} (env {@code SHUOSHI_ORGANISATION_DIR}) names
 * a directory with {@code units.csv} and {@code cadres.csv} (or {@code .xlsx}), the organisation is
 * imported from it at start, as an administrator's PUT /api/organisation would. Starting again with
 * the same files changes nothing. The passwords of accounts it creates go to
 * {@code initial-passwords-<yyyyMMddHHmmss>.csv} in that directory, readable by its owner only; the log
 * names the file, never a password. Files with errors stop the start, with every error in the log.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
public class OrganisationAtStart implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(OrganisationAtStart.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private final OrganisationImporter importer;
  private final EngineClock clock;
  private final String dir;
  private final Grants grants;
  private final JdbcTemplate jdbc;

  public OrganisationAtStart(OrganisationImporter importer, EngineClock clock,
      ShuoshiSettings settings, Grants grants, JdbcTemplate jdbc) {
    this.importer = importer;
    this.clock = clock;
    this.dir = settings.organisation().dir();
    this.grants = grants;
    this.jdbc = jdbc;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    // Cadres imported by an earlier release: their names become readable as the import does it now.
    grants.cadreNamesReadable(jdbc.queryForList("select user_id from cadre", String.class));
    if (dir == null || dir.isBlank()) {
      return;
    }
    Path directory = Path.of(dir);
    OrganisationImporter.Report report = importFrom(directory);
    if (report == null) {
      return;
    }
    if (report.changesNothing()) {
      LOG.info("Organisation in {} is already imported: nothing changed", directory);
    }
  }

  /** Imports the directory's files; null when it holds none. */
  OrganisationImporter.Report importFrom(Path directory) throws IOException {
    Path units = file(directory, "units");
    Path cadres = file(directory, "cadres");
    if (units == null || cadres == null) {
      LOG.warn("shuoshi.organisation.dir is {}, but it holds no units.csv/.xlsx and cadres.csv/.xlsx: nothing imported",
          directory.toAbsolutePath());
      return null;
    }
    OrganisationPlan plan;
    try {
      plan = importer.plan(
          OrgTable.read("units", Files.readAllBytes(units), units.getFileName().toString(),
              OrganisationPlan.UNIT_COLUMNS, OrganisationPlan.UNIT_OPTIONAL),
          OrgTable.read("cadres", Files.readAllBytes(cadres), cadres.getFileName().toString(),
              OrganisationPlan.CADRE_COLUMNS, List.of()));
    } catch (InvalidOrganisationException e) {
      LOG.error("The organisation files in {} have {} error(s); nothing imported:\n{}", directory.toAbsolutePath(),
          e.errors().size(), String.join("\n", e.messages()));
      throw new IllegalStateException("organisation files in " + directory.toAbsolutePath() + " have errors", e);
    }
    OrganisationImporter.Report report = importer.replace(plan, Origin.of(null));
    if (!report.initialPasswords().isEmpty()) {
      Path written = writePasswords(directory, report.initialPasswords());
      LOG.info("{} new account(s): their initial passwords are in {} (readable by its owner only; hand them out "
          + "and delete the file)", report.initialPasswords().size(), written.toAbsolutePath());
    }
    return report;
  }

  private static Path file(Path directory, String name) {
    for (String ext : new String[] {".csv", ".xlsx"}) {
      Path candidate = directory.resolve(name + ext);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private Path writePasswords(Path directory, Map<String, String> passwords) throws IOException {
    StringBuilder csv = new StringBuilder("userId,password\n");
    passwords.forEach((user, password) -> csv.append(user).append(',').append(password).append('\n'));
    String stamp = clock.nowInBeijing().format(STAMP);
    for (int attempt = 0; ; attempt++) {
      Path target = directory.resolve("initial-passwords-" + stamp + (attempt == 0 ? "" : "-" + attempt) + ".csv");
      try {
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
          Files.createFile(target);
        }
        Files.writeString(target, csv, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        return target;
      } catch (FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }
}
