package cn.shuoshi.residentpage;

import cn.shuoshi.api.ForbiddenException;
import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.directory.SystemGroups;
import cn.shuoshi.ledger.LedgerEntry;
import cn.shuoshi.ledger.LedgerEvent;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.reports.LedgerAccess;
import cn.shuoshi.resident.ResidentLinks;
import cn.shuoshi.resident.ResidentTexts;
import cn.shuoshi.settings.ShuoshiSettings;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A cadre of the item's village or town revokes the resident's link (a lost or forwarded phone) and issues a
 * new one. The new link goes to the resident by text message only: no cadre ever sees a resident's link
 * (whoever held it could rate in the resident's name). Both are lines of the item's history.
 */
@RestController
@RequestMapping("/api/matters/{number}/resident-link")
public class ResidentLinkController {

  private final LedgerRepository ledger;
  private final LedgerAccess access;
  private final ResidentLinks links;
  private final ResidentTexts texts;
  private final EngineClock clock;
  private final TransactionTemplate transaction;
  private final ShuoshiSettings settings;

  public ResidentLinkController(LedgerRepository ledger, LedgerAccess access, ResidentLinks links,
      ResidentTexts texts, EngineClock clock, TransactionTemplate transaction, ShuoshiSettings settings) {
    this.ledger = ledger;
    this.access = access;
    this.links = links;
    this.texts = texts;
    this.clock = clock;
    this.transaction = transaction;
    this.settings = settings;
  }

  @PostMapping("/revoke")
  public Map<String, Object> revoke(@PathVariable String number) {
    LedgerAccess.Viewer viewer = access.current();
    LedgerEntry entry = ownItem(number, viewer);
    Boolean revoked = transaction.execute(status -> {
      boolean was = links.revoke(number, viewer.userId(), clock.now());
      if (was) {
        ledger.appendEvent(new LedgerKey(entry.matterNumber(), entry.processInstanceId()), LedgerEvent.of(LedgerEvent.Kind.RESIDENT_LINK_REVOKED, null)
            .by(viewer.userId()), clock.now());
      }
      return was;
    });
    return Map.of("number", number, "revoked", Boolean.TRUE.equals(revoked));
  }

  @PostMapping("/reissue")
  public ResponseEntity<Map<String, Object>> reissue(@PathVariable String number) {
    LedgerAccess.Viewer viewer = access.current();
    LedgerEntry entry = ownItem(number, viewer);
    if (!texts.channelOn() || !ledger.residentTakesTexts(number)) {
      return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("number", number, "detail",
          "本事项的反映人未留手机号码或不接收短信（或短信未开通），新链接无法送达，未作改动"));
    }
    transaction.executeWithoutResult(status -> {
      String token = links.issue(number, viewer.userId(), clock.now());
      texts.reissued(number, entry.title(), token);
      ledger.appendEvent(new LedgerKey(entry.matterNumber(), entry.processInstanceId()), LedgerEvent.of(LedgerEvent.Kind.RESIDENT_LINK_ISSUED, "已通过短信发送")
          .by(viewer.userId()), clock.now());
    });
    return ResponseEntity.ok(Map.of("number", number, "sent", true));
  }

  /** The item, if the caller is a cadre of its village or town (or an administrator); else 403, or 404. */
  private LedgerEntry ownItem(String number, LedgerAccess.Viewer viewer) {
    LedgerEntry entry = ledger.findByNumber(number).orElseThrow(() -> new ForbiddenException("没有这个事项，或您无权管理其群众查看链接"));
    boolean own = viewer.groups().contains(SystemGroups.ADMINS) || viewer.posts().stream()
        .anyMatch(p -> p.unitCode().equals(entry.villageCode()) || p.unitCode().equals(entry.townCode()));
    if (!own) {
      throw new ForbiddenException("只有本村（社区）或本镇的干部可以作废、重发群众查看链接");
    }
    return entry;
  }
}
