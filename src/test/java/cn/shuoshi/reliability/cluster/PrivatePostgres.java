package cn.shuoshi.reliability.cluster;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the test's own (initdb in a temporary directory, trust authentication,
 * loopback only, its own port), started, restarted and stopped with pg_ctl — never the shared server
 * on 5432. Closing it stops the server ("immediate") and deletes the directory; a shutdown hook does
 * the same if the test JVM ends another way.
 */
public final class PrivatePostgres implements AutoCloseable {

  public static final String BIN = System.getProperty("shuoshi.reliability.pg-bin",
      System.getenv().getOrDefault("SHUOSHI_PG_BIN", newestInstalledBin()));

  public final int port;
  public final Path dir;
  private final Thread hook;
  private boolean closed;

  private PrivatePostgres(int port, Path dir) {
    this.port = port;
    this.dir = dir;
    this.hook = new Thread(this::stopQuietly, "private-postgres-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** The binaries of the newest PostgreSQL the Debian packages installed (/usr/lib/postgresql/<major>/bin). */
  static String newestInstalledBin() {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
          .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D", "0"))))
          .map(v -> v.resolve("bin").toString()).orElse("/usr/lib/postgresql/15/bin");
    } catch (IOException e) {
      return "/usr/lib/postgresql/15/bin";
    }
  }

  public static PrivatePostgres start() throws Exception {
    Path dir = Files.createTempDirectory("shuoshi-rel-pg-");
    PrivatePostgres pg = new PrivatePostgres(freePort(55432), dir);
    try {
      if (isRoot()) {
        run(List.of("chown", "-R", "postgres:postgres", dir.toString()), 30);
      }
      pg.pg(List.of(BIN + "/initdb", "-D", dir.resolve("data").toString(), "-A", "trust", "-U", "postgres",
          "-E", "UTF8", "--no-sync", "--locale=C.UTF-8"), 120);
      pg.ctl("start");
      try (Connection c = pg.connect("postgres")) {
        c.createStatement().execute("create database shuoshi");
      }
      return pg;
    } catch (Exception e) {
      pg.close();
      throw e;
    }
  }

  public String jdbcUrl() {
    return jdbcUrl("shuoshi");
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** The cluster's own client program {@code name} (psql, pg_dump, …) with the arguments to reach {@code database}. */
  public List<String> client(String name, String database) {
    return List.of(BIN + "/" + name, "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres", "-d", database);
  }

  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", "");
  }

  public Connection connect() throws SQLException {
    return connect("shuoshi");
  }

  public void stopServer() throws Exception {
    pg(List.of(BIN + "/pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "-t", "60", "stop"), 90);
  }

  public void startServer() throws Exception {
    ctl("start");
  }

  private void ctl(String action) throws Exception {
    pg(List.of(BIN + "/pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(),
        "-w", "-t", "60", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir
            + " -c fsync=off -c max_connections=100", action), 90);
  }

  private void pg(List<String> command, int timeoutSeconds) throws Exception {
    List<String> full = new ArrayList<>();
    if (isRoot()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    run(full, timeoutSeconds);
  }

  public static void run(List<String> command, int timeoutSeconds) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        throw new IllegalStateException("timed out: " + command);
      }
      String out = new String(p.getInputStream().readAllBytes());
      if (p.exitValue() != 0) {
        throw new IllegalStateException(command + " failed (" + p.exitValue() + "): " + out);
      }
    } finally {
      p.destroyForcibly();
    }
  }

  public static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  public static int freePort(int from) {
    for (int port = from; port < from + 200; port++) {
      try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException busy) {
        // next
      }
    }
    throw new IllegalStateException("no free port from " + from);
  }

  private synchronized void stopQuietly() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      pg(List.of(BIN + "/pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"), 60);
    } catch (Exception ignored) {
      // not running
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException ignored) {
      // best effort
    }
  }

  @Override
  public void close() {
    stopQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }
}
