package cn.shuoshi.resident;

import cn.shuoshi.audit.Origin;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The private link of an item's resident ({@code resident_link}): a token of 128 random bits, URL-safe
 * (22 characters), of which only the SHA-256 is stored. Whoever holds the token reads the item's page and
 * rates it; nobody can get it back from the database. A cadre of the item's village or town revokes a link
 * (a lost or forwarded phone) and issues a new one; an item has at most one link in force.
 */
@Repository
public class ResidentLinks {

  /** What a token looks like: anything else is not even looked up. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcTemplate jdbc;

  public ResidentLinks(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A new link for item {@code number}, revoking any link in force (in the caller's transaction: inside a
   * step, the step's). Returns the token — the only time it exists outside the resident's message.
   */
  public String issue(String number, String by, Instant now) {
    revoke(number, by, now);
    // 128 random bits: unguessable, and 22 characters, so that a text message's variable (at most 35
    // characters at the providers) holds it whole.
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    int rows = jdbc.update("insert into resident_link (matter_id, token_hash, created_at, created_by) "
        + "select id, ?, ?, ? from matter where matter_number = ?", hash(token), now.atOffset(ZoneOffset.UTC),
        by == null ? Origin.SYSTEM : by, number);
    if (rows != 1) {
      throw new IllegalStateException("no item " + number + " for a resident link");
    }
    return token;
  }

  /** Revokes the item's link in force, if any; whether there was one. */
  public boolean revoke(String number, String by, Instant now) {
    return jdbc.update("update resident_link set revoked_at = ?, revoked_by = ? where revoked_at is null and "
        + "matter_id = (select id from matter where matter_number = ?)", now.atOffset(ZoneOffset.UTC),
        by == null ? Origin.SYSTEM : by, number) > 0;
  }

  /** The item a token in force opens; empty for a malformed, unknown or revoked token. */
  public Optional<String> itemOf(String token) {
    if (token == null || !TOKEN.matcher(token).matches()) {
      return Optional.empty();
    }
    return jdbc.query("select m.matter_number from resident_link l join matter m on m.id = l.matter_id "
        + "where l.token_hash = ? and l.revoked_at is null", (rs, i) -> rs.getString(1), hash(token)).stream()
        .findFirst();
  }

  /** Whether the item has a link in force. */
  public boolean hasLink(String number) {
    Integer count = jdbc.queryForObject("select count(*) from resident_link l join matter m on m.id = l.matter_id "
        + "where m.matter_number = ? and l.revoked_at is null", Integer.class, number);
    return count != null && count > 0;
  }

  /** SHA-256 of a token, hex: what the table keeps. */
  public static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
