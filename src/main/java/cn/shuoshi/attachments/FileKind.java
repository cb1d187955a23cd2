package cn.shuoshi.attachments;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a file is, read from its first bytes, never from its name or the browser's claim: a renamed
 * {@code .exe} is not a photo. Phones take JPEG (Android, WeChat), HEIC (iPhone) and PNG (screenshots);
 * documents come as PDF.
 */
public enum FileKind {
  JPEG("JPEG 照片", "image/jpeg", true, "jpg", "jpeg", "jpe", "jfif"),
  PNG("PNG 图片", "image/png", true, "png"),
  HEIC("HEIC 照片", "image/heic", true, "heic", "heif", "hif"),
  PDF("PDF 文件", "application/pdf", false, "pdf");

  private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1");

  private final String label;
  private final String mediaType;
  private final boolean photo;
  private final List<String> extensions;

  FileKind(String label, String mediaType, boolean photo, String... extensions) {
    this.label = label;
    this.mediaType = mediaType;
    this.photo = photo;
    this.extensions = List.of(extensions);
  }

  /**
   * The endings a file of this kind may be saved under, the usual one first: a name that ends otherwise
   * ("纪要.hta", "照片.html") would be saved by whoever downloads it as something their computer runs.
   */
  public List<String> extensions() {
    return extensions;
  }

  public String label() {
    return label;
  }

  public String mediaType() {
    return mediaType;
  }

  /** A photo; a document is not. */
  public boolean photo() {
    return photo;
  }

  /**
   * Whether it may go on the public board: a photo every browser shows and the service can make the
   * board's copy of (JPEG, PNG); not HEIC, and never a document.
   */
  public boolean publishable() {
    return this == JPEG || this == PNG;
  }

  /** Whether a browser shows it in a page ({@code <img>}): HEIC is downloaded instead. */
  public boolean shownInPage() {
    return this == JPEG || this == PNG;
  }

  public static Optional<FileKind> sniff(byte[] content) {
    if (starts(content, 0xFF, 0xD8, 0xFF)) {
      return Optional.of(JPEG);
    }
    if (starts(content, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of(PNG);
    }
    if (starts(content, '%', 'P', 'D', 'F', '-')) {
      return Optional.of(PDF);
    }
    // ISO base media file: a box size, then "ftyp" and the major brand.
    if (content.length >= 12 && "ftyp".equals(ascii(content, 4, 8)) && HEIF_BRANDS.contains(ascii(content, 8, 12))) {
      return Optional.of(HEIC);
    }
    return Optional.empty();
  }

  private static boolean starts(byte[] content, int... prefix) {
    if (content.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((content[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static String ascii(byte[] content, int from, int to) {
    return new String(Arrays.copyOfRange(content, from, to), StandardCharsets.ISO_8859_1);
  }
}
