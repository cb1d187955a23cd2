package cn.shuoshi.residentpage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The resident page's in-memory counts stay bounded within one minute: a client sending made-up links (or
 * a flood from many addresses) used to add one count per request, kept until the minute was over — and
 * beyond 100,000 keys every request swept the whole map.
 */
class RequestLimitsTest {

  @Test
  void aFloodOfNewKeysWithinOneMinuteDoesNotGrowTheCountsBeyondTheBound() {
    RequestLimits limits = new RequestLimits(30, 1_000);
    assertThat(limits.allow("ip:203.0.113.5")).isTrue();
    for (int i = 0; i < 20_000; i++) {
      limits.allow("link:" + i);
    }
    assertThat(limits.size()).isLessThanOrEqualTo(1_000);
    // A key counted before the flood is still counted (and within its limit).
    assertThat(limits.allow("ip:203.0.113.5")).isTrue();
  }

  @Test
  void beyondTheLimitPerMinuteAKeyIsRefused() {
    RequestLimits limits = new RequestLimits(3, 1_000);
    assertThat(limits.allow("ip:a")).isTrue();
    assertThat(limits.allow("ip:a")).isTrue();
    assertThat(limits.allow("ip:a")).isTrue();
    assertThat(limits.allow("ip:a")).isFalse();
    assertThat(limits.allow("ip:b")).isTrue();
  }
}
