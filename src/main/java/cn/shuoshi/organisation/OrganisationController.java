package cn.shuoshi.organisation;

import cn.shuoshi.api.AdministratorsOnly;
import cn.shuoshi.api.InvalidRequestException;
import cn.shuoshi.audit.Origin;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /api/organisation}: an administrator replaces the county's organisation by two files
 * (multipart parts {@code units} and {@code cadres}, CSV or .xlsx). Everything is checked first and
 * every error answered at once (400, nothing imported); {@code ?dryRun=true} answers what would
 * change without changing anything.
 */
@RestController
@RequestMapping("/api/organisation")
@Tag(name = "组织机构", description = "县、乡镇、村（社区）、县直部门和干部，按两个表格整体导入（仅系统管理员）")
@SecurityRequirement(name = "basicAuth")
public class OrganisationController {

  /** The two parts, as the API documentation shows them. */
  @Schema(description = "两个文件：CSV（UTF-8）或 Excel .xlsx")
  public record Files(
      @Schema(type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED,
          description = "单位表：code,name,level,parent[,mergedFrom]") String units,
      @Schema(type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED,
          description = "干部表：userId,name,unitCode,role（一行一个职务）") String cadres) {}

  private final OrganisationImporter importer;
  private final AdministratorsOnly administrators;

  public OrganisationController(OrganisationImporter importer, AdministratorsOnly administrators) {
    this.importer = importer;
    this.administrators = administrators;
  }

  @Operation(summary = "导入全县组织机构和干部（仅系统管理员）",
      description = "multipart/form-data，两部分：units（单位表，列 code,name,level,parent，可选 mergedFrom）和 cadres"
          + "（干部表，列 userId,name,unitCode,role，一行一个职务）；CSV（UTF-8，可带 BOM）或 Excel .xlsx（第一个工作表），"
          + "首行为标题行，列的顺序不限。表中没有的单位和干部被撤销（不删除）：并入的单位在存续单位的 mergedFrom 中列出，"
          + "其待办转到存续单位的同一岗位；撤销且无存续单位的村，其待办转到镇民情处理站；离任或调岗干部手中的待办退回岗位。"
          + "有误时答 400，逐行列出全部错误，什么也不导入。dryRun=true 时只答将要发生的变化。新建账号的初始密码只在本次答复中出现一次，"
          + "首次登录须修改。")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
      mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = Files.class)))
  @PutMapping
  public OrganisationImporter.Report replace(
      @Parameter(description = "为 true 时只检查并答复将要发生的变化，不做任何更改")
      @RequestParam(defaultValue = "false") boolean dryRun,
      HttpServletRequest request) {
    String administrator = administrators.require("只有系统管理员可以导入组织机构和干部");
    String type = request.getContentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw InvalidRequestException.of("body", "请以 multipart/form-data 提交两个文件：units（单位表）和 cadres（干部表）");
    }
    OrgTable units = table(request, "units", OrganisationPlan.UNIT_COLUMNS, OrganisationPlan.UNIT_OPTIONAL);
    OrgTable cadres = table(request, "cadres", OrganisationPlan.CADRE_COLUMNS, List.of());
    OrganisationPlan plan = importer.plan(units, cadres);
    return dryRun ? importer.dryRun(plan) : importer.replace(plan, Origin.of(administrator));
  }

  private static OrgTable table(HttpServletRequest request, String name, List<String> required,
      List<String> optional) {
    Part part;
    try {
      part = request.getPart(name);
    } catch (IOException | ServletException | IllegalStateException e) {
      throw InvalidRequestException.of("body", "无法读取上传的文件，请以 multipart/form-data 提交 units 和 cadres 两个文件");
    }
    if (part == null) {
      return OrgTable.read(name, null, null, required, optional);
    }
    try (InputStream in = part.getInputStream()) {
      return OrgTable.read(name, in.readAllBytes(), part.getSubmittedFileName(), required, optional);
    } catch (IOException e) {
      throw InvalidRequestException.of(name, "无法读取上传的文件“" + name + "”");
    }
  }

}
