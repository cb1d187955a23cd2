package cn.shuoshi.residentpage;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Online registration's flood limits and form seal (README "The resident's page"):
 *
 * <ul>
 *   <li>{@code online_intake} keeps one row per item registered on {@code /r/new}, with keyed hashes
 *       (HMAC-SHA256) of the caller's address and phone — never either in clear, and not a plain SHA-256
 *       either, which the few billion mainland mobile numbers would undo in minutes;
 *   <li>the registration form carries a seal: when it was handed out and for which village, signed with the
 *       same key. A form sent back unsealed, altered, or faster than a person fills it in is refused.
 * </ul>
 *
 * The key is the service's, one for every node: 256 random bits made on first use and kept in the engine's
 * property table ({@code ACT_GE_PROPERTY}, name {@value #PROPERTY}); two nodes making it at once insert the
 * same primary key, and the loser reads the winner's.
 */
@Repository
public class OnlineIntakes {

  static final String PROPERTY = "shuoshi.resident-page.key";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcTemplate jdbc;
  private volatile byte[] key;

  public OnlineIntakes(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Items registered online from {@code address} since {@code since}. */
  public int byAddressSince(String address, Instant since) {
    return count("ip_hash", hash("ip", address), since);
  }

  /** Items registered online with {@code phone} since {@code since}. */
  public int byPhoneSince(String phone, Instant since) {
    return count("phone_hash", hash("phone", phone), since);
  }

  /** Records an item registered online (in the caller's transaction: the registration's). */
  public void record(String address, String phone, String number, Instant at) {
    jdbc.update("insert into online_intake (ip_hash, phone_hash, matter_number, registered_at) values (?,?,?,?)",
        hash("ip", address), hash("phone", phone), number, at.atOffset(ZoneOffset.UTC));
  }

  private int count(String column, String hash, Instant since) {
    Integer n = jdbc.queryForObject("select count(*) from online_intake where " + column + " = ? and registered_at > ?",
        Integer.class, hash, since.atOffset(ZoneOffset.UTC));
    return n == null ? 0 : n;
  }

  /** The form's seal for {@code village}, handed out at {@code now}. */
  public String seal(String village, Instant now) {
    long at = now.toEpochMilli();
    return at + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac("form:" + village + ":" + at));
  }

  /** Whether the seal is one this service gave out for the village; the moment then, else null. */
  public Instant unseal(String seal, String village) {
    if (seal == null || village == null || !seal.matches("\\d{1,15}\\.[A-Za-z0-9_-]{43}")) {
      return null;
    }
    String at = seal.substring(0, seal.indexOf('.'));
    byte[] given = Base64.getUrlDecoder().decode(seal.substring(seal.indexOf('.') + 1));
    return MessageDigest.isEqual(given, mac("form:" + village + ":" + at))
        ? Instant.ofEpochMilli(Long.parseLong(at)) : null;
  }

  /** Whether a sealed form came back in a person's time: not sooner than {@code shortest}, within a day. */
  static boolean humanTime(Instant sealed, Instant now, Duration shortest) {
    Duration taken = Duration.between(sealed, now);
    return !taken.isNegative() && taken.compareTo(shortest) >= 0 && taken.compareTo(Duration.ofDays(1)) <= 0;
  }

  private String hash(String kind, String value) {
    return HexFormat.of().formatHex(mac(kind + ":" + (value == null ? "" : value)));
  }

  private byte[] mac(String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(), "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] key() {
    byte[] known = key;
    if (known == null) {
      String stored = stored();
      if (stored == null) {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        try {
          jdbc.update("insert into ACT_GE_PROPERTY (NAME_, VALUE_, REV_) values (?, ?, 1)", PROPERTY,
              HexFormat.of().formatHex(fresh));
        } catch (DataIntegrityViolationException e) {
          // Another node made it first: theirs is the service's.
        }
        stored = stored();
      }
      known = HexFormat.of().parseHex(stored);
      key = known;
    }
    return known;
  }

  private String stored() {
    List<String> values = jdbc.queryForList("select VALUE_ from ACT_GE_PROPERTY where NAME_ = ?", String.class,
        PROPERTY);
    return values.isEmpty() ? null : values.get(0);
  }

  /** Tests: a key made elsewhere (a second node) is read again. */
  void forgetKey() {
    key = null;
  }
}
