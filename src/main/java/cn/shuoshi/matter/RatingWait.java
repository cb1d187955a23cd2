package cn.shuoshi.matter;

import cn.shuoshi.model.ModelFunction;
import cn.shuoshi.settings.ShuoshiSettings;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * How long an item waits for its rating (the boundary timer {@code BoundaryEvent_RatingWaitOver} on
 * {@code UserTask_ReviewSatisfaction}): {@code shuoshi.resident.rating-wait}, 10 calendar days by default.
 * A setting, not a decision table: the wait is the same for every level, type and handling list.
 */
@Component("ratingWait")
public class RatingWait {

  private final Duration wait;

  public RatingWait(ShuoshiSettings settings) {
    this.wait = settings.resident().ratingWait();
  }

  /** The wait as an ISO-8601 duration (the timer's {@code timeDuration}), e.g. {@code PT240H}. */
  @ModelFunction
  public String duration() {
    return wait.toString();
  }
}
