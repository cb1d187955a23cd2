package cn.shuoshi.residentpage;

import cn.shuoshi.settings.ShuoshiSettings;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Requests per minute to the resident's page, per client address and per link (a token is counted by its
 * hash): a fixed one-minute window per key, kept in memory on each node (a bound against guessing links and
 * hammering the page, not an exact quota). Beyond it, 429 with a Chinese page.
 */
@Component
public class RequestLimits {

  private record Window(long minute, AtomicInteger count) {}

  /** At most this many keys are counted at once: beyond it (a flood of addresses or links), refused. */
  static final int MAX_KEYS = 100_000;

  private final int perMinute;
  private final int maxKeys;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  /** The minute of the last sweep of old windows: at most one sweep a minute, not one per request. */
  private final AtomicLong sweptMinute = new AtomicLong(-1);

  @Autowired
  public RequestLimits(ShuoshiSettings settings) {
    this(settings.resident().requestsPerMinute(), MAX_KEYS);
  }

  RequestLimits(int perMinute, int maxKeys) {
    this.perMinute = perMinute;
    this.maxKeys = maxKeys;
  }

  /** Counts a request under {@code key}; whether it is within the limit. */
  public boolean allow(String key) {
    long minute = System.currentTimeMillis() / 60_000;
    if (windows.size() >= maxKeys) {
      long swept = sweptMinute.get();
      if (swept != minute && sweptMinute.compareAndSet(swept, minute)) {
        windows.values().removeIf(w -> w.minute() < minute);
      }
      if (windows.size() >= maxKeys && !windows.containsKey(key)) {
        // Still full within this minute: a flood. A new key is refused rather than kept (memory stays bounded).
        return false;
      }
    }
    Window window = windows.compute(key, (k, w) -> w == null || w.minute() != minute
        ? new Window(minute, new AtomicInteger()) : w);
    return window.count().incrementAndGet() <= perMinute;
  }

  /** How many keys are counted now (tests). */
  int size() {
    return windows.size();
  }

  /** Forgets every count (tests). */
  public void reset() {
    windows.clear();
  }
}
