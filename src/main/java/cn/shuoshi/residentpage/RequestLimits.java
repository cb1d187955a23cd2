package cn.shuoshi.residentpage;

import cn.shuoshi.settings.ShuoshiSettings;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Requests per minute to the resident's page, per client address and per link (a token is counted by its
 * hash): a fixed one-minute window per key, kept in memory on each node (a bound against guessing links and
 * hammering the page, not an exact quota). Beyond it, 429 with a Chinese page.
 */
@Component
public class RequestLimits {

  private record Window(long minute, AtomicInteger count) {}

  private final int perMinute;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  public RequestLimits(ShuoshiSettings settings) {
    this.perMinute = settings.resident().requestsPerMinute();
  }

  /** Counts a request under {@code key}; whether it is within the limit. */
  public boolean allow(String key) {
    long minute = System.currentTimeMillis() / 60_000;
    if (windows.size() > 100_000) {
      windows.values().removeIf(w -> w.minute() < minute);
    }
    Window window = windows.compute(key, (k, w) -> w == null || w.minute() != minute
        ? new Window(minute, new AtomicInteger()) : w);
    return window.count().incrementAndGet() <= perMinute;
  }

  /** Forgets every count (tests). */
  public void reset() {
    windows.clear();
  }
}
