package cn.shuoshi.attachments;

/** A file that may not be attached, with the reason a cadre reads (Chinese). Nothing was stored. */
public class AttachmentRefused extends RuntimeException {

  public AttachmentRefused(String message) {
    super(message);
  }
}
