package cn.shuoshi.reports;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The public notice board: readable without login, printable, and never showing who reported what. */
@ShuoshiTest
class NoticeBoardTest {

  @Autowired ApplicationContext context;
  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  FixedMonth data;

  @BeforeEach
  void data() {
    data = FixedMonth.get(context);
  }

  String page(String path) {
    ResponseEntity<byte[]> response = http.getForEntity(path, byte[].class);
    assertThat(response.getStatusCode().value()).as(path).isEqualTo(200);
    assertThat(response.getHeaders().getContentType().toString()).startsWith("text/html");
    return new String(response.getBody(), StandardCharsets.UTF_8);
  }

  @Test
  void theVillageBoardListsTheMonthsItemsWithoutLoginAndWithoutPersonalData() {
    String board = page("/board/villages/LS04?month=" + data.month);

    assertThat(board).contains("石门村群众说事事项公开栏", data.numbers.get("A"), data.numbers.get("B"),
        data.numbers.get("C"), "村级基础设施", "已销号", "办理中（已超期）", "@page { size: A4");
    assertThat(board).doesNotContain(data.numbers.get("D"), data.numbers.get("E"));
    // Nobody's name or phone: not the reporter's, not the cadres'.
    assertThat(board).doesNotContain(FixedMonth.REPORTER, FixedMonth.PHONE, "ls04_ganbu1", "朱德明", "二组");
    // A confidential item is listed, its text is not.
    assertThat(board).doesNotContain(FixedMonth.TITLE_C, "好处费").contains("应反映人要求保密");
    // What a resident typed is shown as text, never as markup.
    assertThat(board).contains("&lt;b&gt;路灯&lt;/b&gt;不亮 &amp; 晚上看不见").doesNotContain("<b>路灯");
  }

  @Test
  void theTownBoardListsEveryVillagesItems() {
    String board = page("/board/towns/LS?month=" + data.month);

    assertThat(board).contains("龙山镇群众说事事项公开栏", "石门村", "青山村", data.numbers.get("D"), data.numbers.get("E"),
        data.numbers.get("F"), "共 6 件");
    assertThat(board).doesNotContain(FixedMonth.REPORTER, FixedMonth.PHONE, FixedMonth.TITLE_C);
  }

  @Test
  void theBoardOfAnotherMonthNoLongerListsItemsClosedBeforeIt() {
    String next = page("/board/villages/LS04?month=" + data.month.plusMonths(1));
    assertThat(next).contains(data.numbers.get("C")).doesNotContain(data.numbers.get("A"), data.numbers.get("B"));
  }

  @Test
  void closedItemsWereClosedOutByTheMonthlyCloseOut() {
    assertThat(jdbc.queryForList("select closed_out_month from matter where matter_number in (?, ?, ?, ?)",
        String.class, data.numbers.get("A"), data.numbers.get("B"), data.numbers.get("E"), data.numbers.get("F")))
        .containsOnly(data.month.toString());
    assertThat(jdbc.queryForObject("select closed_out_at from matter where matter_number = ?", Object.class,
        data.numbers.get("C"))).isNull();
  }

  @Test
  void anUnknownOrWrongUnitIsA400NotA500() {
    assertThat(http.getForEntity("/board/villages/XX99", String.class).getStatusCode().value()).isEqualTo(400);
    assertThat(http.getForEntity("/board/villages/LS", String.class).getStatusCode().value()).isEqualTo(400);
    assertThat(http.getForEntity("/board/towns/LS01", String.class).getStatusCode().value()).isEqualTo(400);
    assertThat(http.getForEntity("/board/towns/LS?month=<script>", String.class).getStatusCode().value())
        .isEqualTo(400);
  }
}
