package cn.shuoshi.reliability.cluster;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One node of the service: {@code java -jar target/shuoshi-*.jar} with the postgres profile on its
 * own port, as production runs it (plus the demo organisation, so cadres can log in, unless the
 * environment names its own {@code SPRING_PROFILES_ACTIVE}). Killed with
 * SIGKILL by {@link #kill9()}; {@link #close()} stops it in every case, and a shutdown hook too.
 */
public final class ServiceNode implements AutoCloseable {

  public final String name;
  public final int port;
  private final Path jar;
  private final Map<String, String> environment;
  private final Path log;
  private final boolean fullHistory;
  private final List<String> arguments;
  private Process process;
  private final Thread hook;

  public ServiceNode(String name, int port, Path jar, Map<String, String> environment) {
    this(name, port, jar, environment, true, List.of());
  }

  /**
   * A node with the database's own history level ({@code fullHistory} false: a database made by
   * another run keeps the level it was created with, the engine refuses to start on another) and
   * further command-line {@code arguments} for Spring Boot.
   */
  public ServiceNode(String name, int port, Path jar, Map<String, String> environment, boolean fullHistory,
      List<String> arguments) {
    this.fullHistory = fullHistory;
    this.arguments = List.copyOf(arguments);
    this.name = name;
    this.port = port;
    this.jar = jar;
    this.environment = environment;
    this.log = Path.of("target", "reliability", name + ".log");
    this.hook = new Thread(this::killQuietly, name + "-kill");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  public static Path jar() throws Exception {
    try (var files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.getFileName().toString().matches("shuoshi-.*\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no target/shuoshi-*.jar: run ./mvnw package first"));
    }
  }

  public String base() {
    return "http://127.0.0.1:" + port;
  }

  public synchronized void start() throws Exception {
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Duser.timezone=UTC",
        "-jar", jar.toString(),
        "--server.address=127.0.0.1",
        // The job log names the node that ran each job. Only full history writes the job log (the
        // service runs at audit): the test's own fresh database is created at full for that.
        "--camunda.bpm.generic-properties.properties.hostname=" + name));
    String profiles = environment.getOrDefault("SPRING_PROFILES_ACTIVE", "postgres,demo");
    if (profiles.contains("demo")) {
      // The demo organisation and its cadres (password "demo"): the password policy would refuse it.
      command.add("--camunda.bpm.generic-properties.properties.enablePasswordPolicy=false");
    }
    if (fullHistory) {
      command.add("--camunda.bpm.history-level=full");
    }
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    builder.environment().put("PORT", String.valueOf(port));
    builder.environment().put("SPRING_PROFILES_ACTIVE", profiles);
    process = builder.start();
  }

  /** Polls /actuator/health until UP, at most {@code timeout}. */
  public void awaitUp(Duration timeout) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant end = Instant.now().plus(timeout);
    while (Instant.now().isBefore(end)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited (" + process.exitValue() + "), see " + log);
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // starting
      }
      process.waitFor(1, TimeUnit.SECONDS);
    }
    throw new IllegalStateException(name + " not up within " + timeout + ", see " + log);
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no graceful stop, transactions in flight die with the process. */
  public synchronized void kill9() throws Exception {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException(name + " survived kill -9");
    }
  }

  private synchronized void killQuietly() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  public File logFile() {
    return log.toFile();
  }

  @Override
  public void close() {
    killQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }
}
