package cn.shuoshi.audit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shuoshi.ShuoshiTest;
import java.sql.Connection;
import java.sql.Timestamp;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A database from an earlier release kept the reporter's name and phone in the engine's history (the
 * start form's fields at history level audit) and merged duplicates' reporters in a variable; migration
 * 6 removes exactly those rows and leaves everything else.
 */
@ShuoshiTest
class ForgetResidentsMigrationTest {

  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;

  @Test
  void whatEarlierReleasesLeftInTheEngineIsForgottenAndNothingElse() throws Exception {
    String run = UUID.randomUUID().toString();
    Timestamp now = new Timestamp(System.currentTimeMillis());
    jdbc.update("insert into ACT_HI_VARINST (ID_, NAME_, VAR_TYPE_, TEXT_) values (?, 'reporterName', 'string', ?)",
        run + "-1", "欧阳春花");
    jdbc.update("insert into ACT_HI_VARINST (ID_, NAME_, VAR_TYPE_, TEXT_) values (?, 'linkedReporters', 'string', ?)",
        run + "-2", "王秀英、李桂兰");
    jdbc.update("insert into ACT_HI_VARINST (ID_, NAME_, VAR_TYPE_, TEXT_) values (?, 'title', 'string', ?)",
        run + "-3", "路灯不亮");
    jdbc.update("insert into ACT_HI_DETAIL (ID_, TYPE_, TIME_, NAME_, TEXT_) values (?, 'FormProperty', ?, "
        + "'reporterPhone', '13987654321')", run + "-4", now);
    jdbc.update("insert into ACT_HI_DETAIL (ID_, TYPE_, TIME_, NAME_, TEXT_) values (?, 'FormProperty', ?, "
        + "'channel', 'PHONE')", run + "-5", now);

    try (Connection connection = dataSource.getConnection()) {
      assertThat(V6__ForgetResidentsInEngineHistory.forget(connection)).isGreaterThanOrEqualTo(3);
    }

    assertThat(jdbc.queryForList("select ID_ from ACT_HI_VARINST where ID_ like ?", String.class, run + "%"))
        .containsExactly(run + "-3");
    assertThat(jdbc.queryForList("select ID_ from ACT_HI_DETAIL where ID_ like ?", String.class, run + "%"))
        .containsExactly(run + "-5");
    jdbc.update("delete from ACT_HI_VARINST where ID_ like ?", run + "%");
    jdbc.update("delete from ACT_HI_DETAIL where ID_ like ?", run + "%");
  }
}
