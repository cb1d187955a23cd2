package cn.shuoshi.intake;

import static cn.shuoshi.matter.MatterProcess.Vars.*;

import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.forms.FormSchema;
import cn.shuoshi.forms.FormSchemaRegistry;
import cn.shuoshi.forms.InvalidSubmissionException;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.matter.MatterForms;
import cn.shuoshi.matter.MatterProcess;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers an item sent to {@code POST /api/matters}. The item starts through the engine exactly as
 * the Tasklist's start form does (same form checks, same registering cadre); what only an API client
 * can get wrong — unknown fields, type and subject, the Idempotency-Key — is checked here on top.
 * Engine start, ledger row and idempotency row share one transaction: a refused or failed request
 * leaves nothing, and a retried one finds its item.
 */
@Service
public class MatterIntake {

  /** The API's fields that are start-form fields, under the same names. */
  static final List<String> FORM_FIELDS = List.of(
      VILLAGE_CODE, CHANNEL, REPORTER_NAME, REPORTER_PHONE, REPORTER_GROUP, CONFIDENTIAL, SMS_REFUSED, TITLE,
      DESCRIPTION, SUBJECT);
  /** The API's name of the start form's {@code matterType}. */
  static final String TYPE = "type";
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  public sealed interface Result {}

  public record Registered(String matterNumber, boolean replayed) implements Result {}

  public record Refused(Map<String, String> errors) implements Result {}

  public record KeyReused(String key) implements Result {}

  private final FormService forms;
  private final RepositoryService repository;
  private final FormSchemaRegistry schemas;
  private final LedgerRepository ledger;
  private final IntakeRequests requests;
  private final TransactionTemplate transaction;
  private final EngineClock clock;
  private final ObjectMapper canonical = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  public MatterIntake(FormService forms, RepositoryService repository, FormSchemaRegistry schemas,
      LedgerRepository ledger, IntakeRequests requests, TransactionTemplate transaction, EngineClock clock) {
    this.forms = forms;
    this.repository = repository;
    this.schemas = schemas;
    this.ledger = ledger;
    this.requests = requests;
    this.transaction = transaction;
    this.clock = clock;
  }

  /**
   * @param userId the authenticated caller, who becomes the registering cadre (the engine knows them
   *     from the request's authentication too)
   */
  public Result register(String userId, String idempotencyKey, Map<String, Object> body) {
    Map<String, String> errors = new LinkedHashMap<>();
    String key = checkKey(idempotencyKey, errors);
    String hash = hash(body);
    if (key != null) {
      Optional<Result> earlier = earlier(userId, key, hash);
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    Map<String, Object> variables = variables(body, errors);
    try {
      String number = transaction.execute(status -> {
        ProcessInstance item;
        try {
          item = forms.submitStartForm(matterDefinitionId(), variables);
        } catch (InvalidSubmissionException e) {
          e.getFieldErrors().forEach((field, message) -> errors.putIfAbsent(MATTER_TYPE.equals(field) ? TYPE : field,
              message));
          throw new RefusedInside();
        }
        if (!errors.isEmpty()) {
          // Form checks passed but the API's own did not: undo the start.
          throw new RefusedInside();
        }
        String registered = ledger.findByProcessInstance(item.getId()).orElseThrow(
            () -> new IllegalStateException("item " + item.getId() + " did not reach the ledger")).matterNumber();
        requests.insert(userId, key, hash, registered, clock.now());
        return registered;
      });
      return new Registered(number, false);
    } catch (RefusedInside e) {
      return new Refused(errors);
    } catch (DuplicateKeyException e) {
      // A concurrent request with the same key committed first; ours rolled back entirely.
      return earlier(userId, key, hash).orElseThrow(() -> e);
    }
  }

  private Optional<Result> earlier(String userId, String key, String hash) {
    return requests.find(userId, key).map(stored -> stored.requestHash().equals(hash)
        ? new Registered(stored.matterNumber(), true)
        : new KeyReused(key));
  }

  private static String checkKey(String key, Map<String, String> errors) {
    if (key == null || key.isBlank()) {
      errors.put(IDEMPOTENCY_KEY, "缺少请求头 Idempotency-Key：每个新事项用一个新的唯一值，重试时原样重发");
      return null;
    }
    if (key.length() > 100 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
      errors.put(IDEMPOTENCY_KEY, "请求头 Idempotency-Key 应为不超过100个字符的可见 ASCII 字符（如 UUID）");
      return null;
    }
    return key;
  }

  /** The start form's variables from the body; every field the API itself refuses goes into errors. */
  private Map<String, Object> variables(Map<String, Object> body, Map<String, String> errors) {
    FormSchema register = schemas.find(MatterForms.REGISTER).orElseThrow();
    Map<String, Object> variables = new HashMap<>();
    body.forEach((field, value) -> {
      String key = TYPE.equals(field) ? MATTER_TYPE : field;
      if (!FORM_FIELDS.contains(key) && !MATTER_TYPE.equals(key)) {
        errors.put(field, "不支持的字段“" + field + "”");
      } else if (value instanceof Map || value instanceof List) {
        errors.put(field, "“" + register.label(key) + "”应为"
            + (CONFIDENTIAL.equals(field) || SMS_REFUSED.equals(field) ? "true 或 false" : "文字"));
      } else {
        variables.put(key, value);
      }
    });
    // Only a cadre at the meeting can answer on the spot; an API item always enters the ledger.
    variables.put(ANSWERED_ON_SPOT, false);
    return variables;
  }

  private String matterDefinitionId() {
    return repository.createProcessDefinitionQuery().processDefinitionKey(MatterProcess.KEY).latestVersion()
        .singleResult().getId();
  }

  private String hash(Map<String, Object> body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(canonical.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash the request", e);
    }
  }

  /** Rolls the transaction back after a refusal; the errors are already collected. */
  private static final class RefusedInside extends RuntimeException {
    RefusedInside() {
      super(null, null, false, false);
    }
  }
}
