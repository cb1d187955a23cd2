package cn.shuoshi.reports.cockpit;

import cn.shuoshi.directory.Org;
import cn.shuoshi.reports.LedgerAccess;
import cn.shuoshi.reports.OverdueItems;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * {@code GET /camunda/api/cockpit/plugin/shuoshiOverdue/{engine}/…}: the overdue items of the logged-in
 * user's area ({@code overdue}) and the forms' labels of process variables ({@code variable-labels}).
 * Under the webapps' API, so Camunda's webapp security applies (a call without a login is refused) and
 * the caller is the logged-in user; who reads which item is {@link LedgerAccess}'s. GET only: it writes
 * nothing.
 */
@Path("plugin/" + OverdueCockpitPlugin.ID)
public class OverdueCockpitResource extends AbstractCockpitPluginRootResource {

  public OverdueCockpitResource() {
    super(OverdueCockpitPlugin.ID);
  }

  /** 已超期事项: the items, most days overdue first; with none, the sentence that says why. */
  @GET
  @Path("{engine}/overdue")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> overdue(@PathParam("engine") String engine) {
    OverdueItems.Listing listing = bean(OverdueItems.class).list(bean(LedgerAccess.class).current());
    // Plain values: the webapps' JSON mapper is not the service's.
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("items", listing.items().stream().map(i -> {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("number", i.number());
      item.put("title", i.title());
      item.put("village", i.village());
      item.put("unit", i.unit());
      item.put("level", i.level());
      item.put("deadline", i.deadline());
      item.put("daysOverdue", i.daysOverdue());
      item.put("overdue", i.overdueText());
      item.put("supervised", i.supervised() ? "是" : "否");
      item.put("processInstanceId", i.processInstanceId());
      return item;
    }).toList());
    answer.put("total", listing.total());
    answer.put("shown", listing.items().size());
    answer.put("message", listing.message());
    answer.put("definition", OverdueItems.DEFINITION);
    return answer;
  }

  /** Each form field's variable: its label and its options' labels, e.g. supervisionMeasure → 督办方式, URGE → 电话催办. */
  @GET
  @Path("{engine}/variable-labels")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> variableLabels(@PathParam("engine") String engine) {
    Map<String, Object> answer = new LinkedHashMap<>();
    bean(VariableLabels.class).all().forEach((name, label) -> {
      Map<String, Object> variable = new LinkedHashMap<>();
      variable.put("label", label.label());
      variable.put("options", label.options());
      answer.put(name, variable);
    });
    return answer;
  }

  /**
   * The names of units and cadres a variable holds by code (villageCode LS02 → 下河村, responsibleCadre
   * ls02_ganbu1 → the cadre's name), at most 50 at a time: public unit names and the cadres' names every
   * logged-in user may read anyway (the USER read grant); a code that is neither is left out.
   */
  @GET
  @Path("{engine}/names")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, String> names(@PathParam("engine") String engine, @QueryParam("of") List<String> codes) {
    Org org = bean(Org.class);
    Map<String, String> answer = new LinkedHashMap<>();
    codes.stream().filter(code -> code != null && code.length() <= 64).distinct().limit(50).forEach(code ->
        org.unit(code).map(Org.Unit::name).or(() -> org.cadreName(code)).ifPresent(name -> answer.put(code, name)));
    return answer;
  }

  // Jersey makes this resource, not Spring: the service's beans come from the web application context.
  private <T> T bean(Class<T> type) {
    return WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext).getBean(type);
  }
}
