package cn.shuoshi.reports;

import static cn.shuoshi.api.HtmlPage.text;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The rates of a town's villages (or a county's towns) as an inline SVG bar chart, drawn on the
 * server so the page needs no script and no CDN and prints as it shows.
 */
final class RatesChart {

  private static final String[] SERIES = {"响应率", "解决率", "满意率"};
  private static final String[] COLOURS = {"#4e79a7", "#59a14f", "#f28e2b"};
  private static final int PLOT_HEIGHT = 200;
  private static final int TOP = 30;
  private static final int LEFT = 40;
  private static final int BAR = 9;
  private static final int GAP = 14;

  private RatesChart() {}

  static String svg(List<UnitRates> units) {
    int group = 3 * BAR + GAP;
    int width = LEFT + Math.max(1, units.size()) * group + 10;
    int height = TOP + PLOT_HEIGHT + 50;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"三率对比图\" width=\"100%%\" "
            + "viewBox=\"0 0 %d %d\" style=\"max-width:%dpx\" font-size=\"10\">", width, height, Math.max(width, 500)));
    for (int pct = 0; pct <= 100; pct += 25) {
      int y = TOP + PLOT_HEIGHT - pct * PLOT_HEIGHT / 100;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ccc\"/>"
          + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d%%</text>", LEFT, y, width - 5, y, LEFT - 4, y + 3, pct));
    }
    for (int s = 0; s < SERIES.length; s++) {
      int x = LEFT + s * 70;
      svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"6\" width=\"10\" height=\"10\" fill=\"%s\"/>"
          + "<text x=\"%d\" y=\"15\">%s</text>", x, COLOURS[s], x + 14, SERIES[s]));
    }
    for (int i = 0; i < units.size(); i++) {
      UnitRates unit = units.get(i);
      BigDecimal[] values = {unit.responseRate(), unit.resolutionRate(), unit.satisfactionRate()};
      int x0 = LEFT + i * group + GAP / 2;
      for (int s = 0; s < values.length; s++) {
        if (values[s] == null) {
          continue;
        }
        double h = values[s].doubleValue() * PLOT_HEIGHT / 100.0;
        svg.append(String.format(Locale.ROOT,
            "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"><title>%s %s %s%%</title></rect>",
            x0 + s * BAR, TOP + PLOT_HEIGHT - h, BAR - 1, h, COLOURS[s], text(unit.unitName()), SERIES[s],
            values[s].toPlainString()));
      }
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
          x0 + 3 * BAR / 2, TOP + PLOT_HEIGHT + 14, text(unit.unitName())));
    }
    return svg.append("</svg>").toString();
  }
}
