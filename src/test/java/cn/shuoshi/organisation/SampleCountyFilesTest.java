package cn.shuoshi.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shuoshi.directory.Level;
import cn.shuoshi.directory.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The sample county of the README (docs/sample-county, 青川县) is a valid organisation before and after
 * its merge, as the import checks it; and the CSV reader follows RFC 4180. No database: a plan is
 * made from the files alone.
 */
class SampleCountyFilesTest {

  static final Path DIR = Path.of("docs/sample-county");

  static OrgTable units(String file) throws Exception {
    return OrgTable.read("units", Files.readAllBytes(DIR.resolve(file)), file, OrganisationPlan.UNIT_COLUMNS,
        OrganisationPlan.UNIT_OPTIONAL);
  }

  static OrgTable cadres(String file) throws Exception {
    return OrgTable.read("cadres", Files.readAllBytes(DIR.resolve(file)), file, OrganisationPlan.CADRE_COLUMNS,
        List.of());
  }

  @Test
  void theSampleCountyHasFortyVillagesInThreeTownsEachWithItsPosts() throws Exception {
    OrganisationPlan plan = OrganisationPlan.of(units("units.csv"), cadres("cadres.csv"), code -> Optional.empty());

    Map<Level, Long> levels = plan.units().stream().collect(Collectors.groupingBy(OrganisationPlan.PlannedUnit::level,
        Collectors.counting()));
    assertThat(levels).containsEntry(Level.COUNTY, 1L).containsEntry(Level.TOWN, 3L)
        .containsEntry(Level.VILLAGE, 40L).containsEntry(Level.DEPARTMENT, 2L);
    for (OrganisationPlan.PlannedUnit unit : plan.units()) {
      List<Role> roles = plan.cadres().stream().flatMap(c -> c.posts().stream())
          .filter(p -> p.unitCode().equals(unit.code())).map(OrganisationPlan.PlannedPost::role).toList();
      switch (unit.level()) {
        case VILLAGE -> assertThat(roles).as(unit.code()).containsExactlyInAnyOrder(Role.SECRETARY, Role.COMMITTEE,
            Role.COMMITTEE);
        case TOWN -> assertThat(roles).as(unit.code()).containsExactlyInAnyOrder(Role.LEADER, Role.STATION,
            Role.SUPERVISOR, Role.PARTY_COMMITTEE);
        case COUNTY -> assertThat(roles).containsExactly(Role.CENTRE);
        case DEPARTMENT -> assertThat(roles).containsExactly(Role.DEPARTMENT);
      }
    }
    assertThat(plan.groupsOf("qc01v01_shuji")).containsExactly("QC01V01_secretary", "QC01_leader");
  }

  @Test
  void afterTheMergeOneVillageIsGoneIntoItsNeighbourAndOneCadreMoved() throws Exception {
    OrganisationPlan before = OrganisationPlan.of(units("units.csv"), cadres("cadres.csv"), code -> Optional.empty());
    OrganisationPlan after = OrganisationPlan.of(units("units-merged.csv"), cadres("cadres-moved.csv"),
        code -> before.unit(code).map(OrganisationPlan.PlannedUnit::level));

    assertThat(after.unit("QC01V02")).isEmpty();
    assertThat(after.mergedInto("QC01V02")).contains("QC01V01");
    assertThat(after.groupsOf("qc02v01_ganbu2")).containsExactly("QC02V03_committee");
    assertThat(after.cadres()).hasSize(before.cadres().size() - 3);
  }

  @Test
  void aUnitKeepsItsLevel() throws Exception {
    assertThatThrownBy(() -> OrganisationPlan.of(units("units.csv"), cadres("cadres.csv"),
        code -> code.equals("QC01V05") ? Optional.of(Level.TOWN) : Optional.empty()))
        .isInstanceOf(InvalidOrganisationException.class)
        .extracting(e -> ((InvalidOrganisationException) e).messages())
        .isEqualTo(List.of("units 第12行：单位“QC01V05”原为乡镇，不能改为村（社区）（请另设新代码）"));
  }

  @Test
  void quotedFieldsMayHoldCommasQuotesAndLineBreaks() {
    OrgTable table = OrgTable.read("units", "code,name,level,parent\r\nA,\"甲,\"\"乙\"\"\n丙\",TOWN,Q\r\n\r\nB,乙,VILLAGE,A"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8), "u.csv", OrganisationPlan.UNIT_COLUMNS, List.of());

    assertThat(table.errors()).isEmpty();
    assertThat(table.rows()).hasSize(2);
    assertThat(table.rows().get(0).get("name")).isEqualTo("甲,\"乙\"\n丙");
    assertThat(table.rows().get(1).number()).as("a quoted line break counts as a line").isEqualTo(5);
  }

  @Test
  void aMissingColumnIsOneErrorForTheWholeFile() {
    OrgTable table = OrgTable.read("cadres", "userId,name,role\nx,y,SECRETARY\n".getBytes(
        java.nio.charset.StandardCharsets.UTF_8), "c.csv", OrganisationPlan.CADRE_COLUMNS, List.of());

    assertThat(table.errors()).containsExactly("cadres 第1行：标题行缺少列“unitCode”（应为 userId,name,unitCode,role）");
  }
}
