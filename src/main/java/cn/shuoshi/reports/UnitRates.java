package cn.shuoshi.reports;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/**
 * The figures of one unit for one month; rates are percentages with one decimal, null when nothing
 * was there to count. Definitions: README.md, "The three rates".
 */
@Schema(description = "单位月度办理情况（“三率”等）")
public record UnitRates(
    @Schema(description = "单位代码") String unitCode,
    @Schema(description = "单位名称") String unitName,
    @Schema(description = "单位层级：VILLAGE、TOWN、COUNTY") String level,
    @Schema(description = "月份", example = "2026-05", type = "string") YearMonth month,
    @Schema(description = "本月登记件数") int registered,
    @Schema(description = "本月登记且分类交办已到期或已完成的件数（响应率分母）") int responseDue,
    @Schema(description = "按期分类交办的件数（响应率分子）") int respondedInTime,
    @Schema(description = "响应率（%）") BigDecimal responseRate,
    @Schema(description = "本月办结件数（解决率分母）") int closed,
    @Schema(description = "本月办结且结果为“已解决”的件数") int resolved,
    @Schema(description = "解决率（%）") BigDecimal resolutionRate,
    @Schema(description = "本月办结且已测评的件数（满意率分母）") int rated,
    @Schema(description = "满意和基本满意的件数") int satisfied,
    @Schema(description = "满意率（%）：每件以群众本人评价为先，无则以干部记录的测评结果") BigDecimal satisfactionRate,
    @Schema(description = "已测评件数中群众本人在专属页面评价的件数") int ratedByResident,
    @Schema(description = "群众本人评价占比（%）") BigDecimal residentShare,
    @Schema(description = "群众本人评价为满意或基本满意的件数") int satisfiedByResident,
    @Schema(description = "群众本人评价的满意率（%）") BigDecimal residentSatisfactionRate,
    @Schema(description = "已测评件数中由干部记录的件数") int ratedByCadre,
    @Schema(description = "本月办结但未评价（含等待评价超时）的件数，不计入满意率") int unrated,
    @Schema(description = "本月超期件数") int overdue,
    @Schema(description = "本月退回重办次数") int returns,
    @Schema(description = "本月办结事项的平均办理天数") BigDecimal averageHandlingDays,
    @Schema(description = "月末（本月则为当前）未办结件数") int open,
    @Schema(description = "下级单位（镇的各村、县的各镇）") List<UnitRates> units) {}
