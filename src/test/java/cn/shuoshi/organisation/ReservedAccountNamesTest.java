package cn.shuoshi.organisation;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * "resident" is the actor of the resident's own page (their rating counts as the resident's own,
 * satisfaction_by RESIDENT) and "system" the service's: no cadre account may take either, or that cadre's
 * Tasklist rating would be recorded as the resident's own. No database: the plan is checked from the files.
 */
class ReservedAccountNamesTest {

  static OrgTable table(String name, String csv, List<String> columns, List<String> optional) {
    return OrgTable.read(name, csv.getBytes(StandardCharsets.UTF_8), name + ".csv", columns, optional);
  }

  @Test
  void aCadreCannotBeImportedAsTheResidentOrTheSystem() {
    OrgTable units = table("units", "code,name,level,parent\nC1,某县,COUNTY,\nT1,某镇,TOWN,C1\nV1,某村,VILLAGE,T1\n",
        OrganisationPlan.UNIT_COLUMNS, OrganisationPlan.UNIT_OPTIONAL);
    for (String reserved : List.of("resident", "Resident", "system")) {
      OrgTable cadres = table("cadres", "userId,name,unitCode,role\n" + reserved + ",张三,V1,COMMITTEE\n"
          + "c1,李四,C1,CENTRE\n", OrganisationPlan.CADRE_COLUMNS, List.of());
      assertThatThrownBy(() -> OrganisationPlan.of(units, cadres, code -> Optional.empty()))
          .as(reserved).isInstanceOf(InvalidOrganisationException.class).hasMessageContaining("保留");
    }
  }
}
