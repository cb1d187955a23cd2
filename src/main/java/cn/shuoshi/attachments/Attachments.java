package cn.shuoshi.attachments;

import cn.shuoshi.audit.Door;
import cn.shuoshi.clock.EngineClock;
import cn.shuoshi.ledger.Desk;
import cn.shuoshi.ledger.LedgerEntry;
import cn.shuoshi.ledger.LedgerEvent;
import cn.shuoshi.ledger.LedgerKey;
import cn.shuoshi.ledger.LedgerRepository;
import cn.shuoshi.settings.ShuoshiSettings;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Photos and documents of an item ({@code matter_attachment}): what a cadre attaches at one of the item's
 * steps, checked for kind and size, and read back for 事项经过 and — photos a cadre marked public only —
 * for the public board. Who may attach or read is decided by the callers (the Tasklist plugin: the task's
 * own candidates and assignee attach; the story's readers read).
 */
@Component
public class Attachments {

  /** What is known of a file without its bytes. */
  public record Attachment(long id, long matterId, String step, String fileName, FileKind kind, long sizeBytes,
      String uploadedBy, Instant uploadedAt, boolean isPublic) {}

  /** A file with its bytes, to be sent. */
  public record Content(String fileName, FileKind kind, byte[] bytes) {}

  private final JdbcTemplate jdbc;
  private final EngineClock clock;
  private final ShuoshiSettings.Attachments limits;
  private final LedgerRepository ledger;

  public Attachments(JdbcTemplate jdbc, EngineClock clock, ShuoshiSettings settings, LedgerRepository ledger) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.limits = settings.attachments();
    this.ledger = ledger;
  }

  public long maxFileBytes() {
    return limits.maxFileSize().toBytes();
  }

  /** The limit as a cadre reads it: "10 MB". */
  public String maxFileSizeText() {
    return megabytes(maxFileBytes()) + " MB";
  }

  /**
   * Stores a file for item {@code matterId} at step {@code step} (the element id of the task it was
   * attached at), or refuses it with the reason, storing nothing.
   */
  @Transactional
  public Attachment attach(LedgerEntry item, String step, String fileName, byte[] content, boolean isPublic,
      String user) {
    long matterId = item.id();
    String chosen = cleanName(fileName);
    if (content.length == 0) {
      throw new AttachmentRefused("“" + chosen + "”是空文件，请重新选择");
    }
    refuseIfTooLarge(fileName, content.length);
    FileKind kind = FileKind.sniff(content).orElseThrow(() -> new AttachmentRefused(
        "“" + chosen + "”不是照片（JPEG、PNG、HEIC）或 PDF 文件，不能上传"));
    String name = withEnding(chosen, kind);
    byte[] boardCopy = isPublic ? boardCopy(name, kind, content) : null;
    // The item's row is locked so that two uploads at once cannot both pass the count.
    jdbc.queryForObject("select id from matter where id = ? for update", Long.class, matterId);
    Integer count = jdbc.queryForObject("select count(*) from matter_attachment where matter_id = ?", Integer.class,
        matterId);
    if (count != null && count >= limits.maxPerItem()) {
      throw new AttachmentRefused("本事项已有" + count + "个附件，达到上限，不能再上传");
    }
    Instant now = clock.now();
    Timestamp at = Timestamp.from(now);
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    String hash = sha256(content);
    String door = Door.current().name();
    jdbc.update(connection -> {
      PreparedStatement insert = connection.prepareStatement("insert into matter_attachment (matter_id, step, "
          + "file_name, kind, size_bytes, sha256, content, uploaded_by, uploaded_at, door, is_public, public_by, "
          + "public_at, board_copy) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
      insert.setLong(1, matterId);
      insert.setString(2, step);
      insert.setString(3, name);
      insert.setString(4, kind.name());
      insert.setLong(5, content.length);
      insert.setString(6, hash);
      insert.setBytes(7, content);
      insert.setString(8, user);
      insert.setTimestamp(9, at);
      insert.setString(10, door);
      insert.setBoolean(11, isPublic);
      insert.setString(12, isPublic ? user : null);
      insert.setTimestamp(13, isPublic ? at : null);
      insert.setBytes(14, boardCopy);
      return insert;
    }, key);
    long id = key.getKey().longValue();
    // The item's history says who added what at which step, as for every other step of the item.
    ledger.appendEvent(new LedgerKey(item.matterNumber(), item.processInstanceId()), LedgerEvent.of(
        LedgerEvent.Kind.ATTACHED, name + (isPublic ? "（公开到公示栏）" : "")).by(user), now);
    return new Attachment(id, matterId, step, name, kind, content.length, user, now, isPublic);
  }

  /** Refuses a file of {@code length} bytes (e.g. as announced before it is read) if it is over the limit. */
  public void refuseIfTooLarge(String fileName, long length) {
    if (length > maxFileBytes()) {
      throw new AttachmentRefused("“" + cleanName(fileName) + "”超过" + megabytes(maxFileBytes())
          + " MB 的上限，请压缩后再上传");
    }
  }

  /** The files of an item, oldest first. */
  public List<Attachment> of(long matterId) {
    return jdbc.query("select id, matter_id, step, file_name, kind, size_bytes, uploaded_by, uploaded_at, is_public "
        + "from matter_attachment where matter_id = ? order by id", (rs, i) -> new Attachment(rs.getLong(1),
        rs.getLong(2), rs.getString(3), rs.getString(4), FileKind.valueOf(rs.getString(5)), rs.getLong(6),
        rs.getString(7), rs.getObject(8, OffsetDateTime.class).toInstant(), rs.getBoolean(9)), matterId);
  }

  /** A file of item {@code matterId}: a number of another item's file finds nothing. */
  public Optional<Content> content(long matterId, long id) {
    return jdbc.query("select file_name, kind, content from matter_attachment where id = ? and matter_id = ?",
        (rs, i) -> new Content(rs.getString(1), FileKind.valueOf(rs.getString(2)), rs.getBytes(3)), id, matterId)
        .stream().findFirst();
  }

  /**
   * A photo a cadre put on the public board, of item {@code number}: never of a petition or a complaint
   * about a cadre, nor of an item whose reporter asked for confidentiality (the board does not even show
   * its title).
   */
  public Optional<Content> publicPhoto(String number, long id) {
    return jdbc.query("select a.file_name, a.board_copy, m.desk_role, m.confidential from matter_attachment a "
            + "join matter m on m.id = a.matter_id where a.id = ? and m.matter_number = ? and a.is_public "
            + "and a.board_copy is not null",
        (rs, i) -> Desk.isSensitive(rs.getString(3)) || rs.getBoolean(4) ? null
            : new Content(rs.getString(1), FileKind.JPEG, rs.getBytes(2)), id, number)
        .stream().filter(Objects::nonNull).findFirst();
  }

  /** The ids of the public photos a browser can show, by item number, for the board. */
  public Map<String, List<Long>> publicPhotosOf(Collection<String> numbers) {
    if (numbers.isEmpty()) {
      return Map.of();
    }
    Map<String, List<Long>> photos = new HashMap<>();
    String marks = String.join(",", Collections.nCopies(numbers.size(), "?"));
    jdbc.query("select m.matter_number, a.id from matter_attachment a join matter m on m.id = a.matter_id "
            + "where a.is_public and a.board_copy is not null and m.matter_number in (" + marks + ") order by a.id",
        (org.springframework.jdbc.core.RowCallbackHandler) rs -> photos.computeIfAbsent(rs.getString(1),
            n -> new ArrayList<>()).add(rs.getLong(2)), numbers.toArray());
    return photos;
  }

  /**
   * Puts a photo on the public board or takes it off; who did it and when is on the row and, line by
   * line, in the item's history.
   */
  @Transactional
  public void publish(LedgerEntry item, long id, boolean isPublic, String user) {
    // Its name and kind only: a flag is no reason to read 10 MB (the photo is read to make the board's copy).
    Map.Entry<String, FileKind> file = jdbc.query("select file_name, kind from matter_attachment where id = ? "
            + "and matter_id = ?", (rs, i) -> Map.entry(rs.getString(1), FileKind.valueOf(rs.getString(2))), id,
            item.id()).stream().findFirst().orElseThrow(() -> new AttachmentRefused("没有找到这个附件"));
    byte[] boardCopy = null;
    if (isPublic) {
      byte[] photo = jdbc.queryForObject("select content from matter_attachment where id = ?", byte[].class, id);
      boardCopy = boardCopy(file.getKey(), file.getValue(), photo);
    }
    Instant now = clock.now();
    jdbc.update("update matter_attachment set is_public = ?, public_by = ?, public_at = ?, board_copy = ? "
        + "where id = ? and matter_id = ?", isPublic, user, Timestamp.from(now), boardCopy, id, item.id());
    ledger.appendEvent(new LedgerKey(item.matterNumber(), item.processInstanceId()), LedgerEvent.of(isPublic
        ? LedgerEvent.Kind.PHOTO_PUBLISHED : LedgerEvent.Kind.PHOTO_WITHDRAWN, file.getKey()).by(user), now);
  }

  /** The board's copy of a photo to be made public, or the reason it cannot be. */
  private static byte[] boardCopy(String name, FileKind kind, byte[] content) {
    if (!kind.publishable()) {
      throw new AttachmentRefused(kind.photo()
          ? "“" + name + "”是" + kind.label() + "，浏览器无法显示，不能公开到公示栏；请上传 JPEG 或 PNG 照片后再公开"
          : "只有照片可以公开到公示栏，“" + name + "”是" + kind.label());
    }
    return BoardCopy.of(content).orElseThrow(() -> new AttachmentRefused(
        "无法读取“" + name + "”的画面，不能公开到公示栏；请换一张照片"));
  }

  private static final int NAME_LIMIT = 100;

  /**
   * The name as shown: without a path a phone may send, control characters, invisible formatting
   * characters (a right-to-left mark turns "照片\u202Egpj.exe" into "照片exe.jpg" on screen), or more
   * than 100 characters.
   */
  static String cleanName(String fileName) {
    String name = fileName == null ? "" : fileName.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\\p{Cf}]", "").strip();
    if (name.isEmpty()) {
      return "未命名文件";
    }
    return firstCodePoints(name, NAME_LIMIT);
  }

  /**
   * The name a file is kept and downloaded under: its own when it ends as its kind does ("收据.PDF"),
   * else with the kind's ending added ("纪要.hta" → "纪要.hta.pdf"), within the 100 characters.
   */
  static String withEnding(String name, FileKind kind) {
    int dot = name.lastIndexOf('.');
    if (dot > 0 && kind.extensions().contains(name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT))) {
      return name;
    }
    String ending = "." + kind.extensions().get(0);
    return firstCodePoints(name, NAME_LIMIT - ending.length()) + ending;
  }

  private static String firstCodePoints(String text, int limit) {
    return text.codePointCount(0, text.length()) > limit ? text.substring(0, text.offsetByCodePoints(0, limit)) : text;
  }

  private static String megabytes(long bytes) {
    return bytes % (1024 * 1024) == 0 ? String.valueOf(bytes / (1024 * 1024))
        : String.format("%.1f", bytes / (1024.0 * 1024.0));
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
