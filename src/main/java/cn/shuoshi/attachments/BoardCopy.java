package cn.shuoshi.attachments;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The copy of a photo the public board shows: at most 1024 pixels wide or high, a JPEG of a few hundred
 * kilobytes, drawn afresh from the pixels — so without the phone's metadata (where and when it was
 * taken, the phone's make) — and small enough that anybody may ask for it without the service reading
 * megabytes per request.
 */
final class BoardCopy {

  static final int MAX_SIDE = 1024;

  private BoardCopy() {}

  /** The board's copy, or empty when the photo's pixels cannot be read (a damaged or unusual file). */
  static Optional<byte[]> of(byte[] photo) {
    try {
      BufferedImage original = ImageIO.read(new ByteArrayInputStream(photo));
      if (original == null || original.getWidth() < 1 || original.getHeight() < 1) {
        return Optional.empty();
      }
      double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(original.getWidth(), original.getHeight()));
      int width = Math.max(1, (int) Math.round(original.getWidth() * scale));
      int height = Math.max(1, (int) Math.round(original.getHeight() * scale));
      BufferedImage copy = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = copy.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      // A transparent PNG on white, as it would be printed.
      g.setColor(java.awt.Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.drawImage(original, 0, 0, width, height, null);
      g.dispose();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
      try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
        writer.setOutput(stream);
        ImageWriteParam quality = writer.getDefaultWriteParam();
        quality.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        quality.setCompressionQuality(0.8f);
        writer.write(null, new IIOImage(copy, null, null), quality);
      } finally {
        writer.dispose();
      }
      return Optional.of(out.toByteArray());
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }
}
