package cn.shuoshi.notify;

import cn.shuoshi.settings.ShuoshiSettings;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP (Jakarta Mail) to a cadre with an e-mail address in their profile (the account's
 * {@code email}): the recipient is {@code cadre:<user>}, the address is read when the message leaves, never
 * copied into the outbox or a log. Subject 【说事解题】 and the message's first line, the text as the body.
 * A cadre without an address FAILS the message at once; a server that does not answer is tried again.
 */
@Component("mailChannel")
public class MailChannel implements Channel {

  public static final String ID = "EMAIL";
  /** The recipient prefix for a cadre: the user id follows. */
  public static final String CADRE = "cadre:";

  private final ShuoshiSettings.Notify settings;
  private final IdentityService identity;
  private volatile JavaMailSenderImpl sender;

  public MailChannel(ShuoshiSettings settings, IdentityService identity) {
    this.settings = settings.notifications();
    this.identity = identity;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void send(OutboundMessage message) throws DeliveryFailed {
    ShuoshiSettings.Mail mail = settings.mail();
    if (!mail.isConfigured()) {
      throw new DeliveryFailed("邮件渠道未配置", true);
    }
    String address = address(message.recipient())
        .orElseThrow(() -> new DeliveryFailed("收信人 " + message.recipient() + " 没有电子邮箱", true));
    JavaMailSenderImpl smtp = sender(mail);
    try {
      MimeMessage mime = smtp.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(mime, false, StandardCharsets.UTF_8.name());
      helper.setFrom(new InternetAddress(mail.from(), "说事解题", StandardCharsets.UTF_8.name()));
      helper.setTo(address);
      helper.setSubject("【说事解题】" + subject(message.content()));
      helper.setText(message.content() + "\n\n（本邮件由说事解题系统发送，请登录任务列表办理。）", false);
      smtp.send(mime);
    } catch (MailException | MessagingException | java.io.UnsupportedEncodingException e) {
      // The exception's text may name the address: only its kind is kept.
      throw new DeliveryFailed("邮件服务未接收：" + e.getClass().getSimpleName());
    }
  }

  /** The cadre's e-mail address, if their profile has one. */
  public Optional<String> address(String recipient) {
    if (recipient == null || !recipient.startsWith(CADRE)) {
      return Optional.empty();
    }
    return hasAddress(recipient.substring(CADRE.length()));
  }

  public Optional<String> hasAddress(String userId) {
    User user = identity.createUserQuery().userId(userId).singleResult();
    return Optional.ofNullable(user).map(User::getEmail).map(String::strip).filter(e -> e.contains("@"));
  }

  private static String subject(String content) {
    String first = content.lines().findFirst().orElse("");
    return first.length() <= 60 ? first : first.substring(0, 59) + "…";
  }

  private JavaMailSenderImpl sender(ShuoshiSettings.Mail mail) {
    JavaMailSenderImpl smtp = sender;
    if (smtp == null) {
      smtp = new JavaMailSenderImpl();
      smtp.setHost(mail.host());
      smtp.setPort(mail.port());
      smtp.setDefaultEncoding(StandardCharsets.UTF_8.name());
      Properties properties = smtp.getJavaMailProperties();
      String timeout = String.valueOf(settings.timeout().toMillis());
      properties.put("mail.smtp.connectiontimeout", timeout);
      properties.put("mail.smtp.timeout", timeout);
      properties.put("mail.smtp.writetimeout", timeout);
      if (mail.username() != null && !mail.username().isBlank()) {
        smtp.setUsername(mail.username());
        smtp.setPassword(mail.password());
        properties.put("mail.smtp.auth", "true");
      }
      switch (mail.security()) {
        case "ssl" -> {
          smtp.setProtocol("smtps");
          properties.put("mail.smtps.ssl.checkserveridentity", "true");
        }
        case "starttls" -> {
          properties.put("mail.smtp.starttls.enable", "true");
          properties.put("mail.smtp.starttls.required", "true");
          properties.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        default -> { }
      }
      sender = smtp;
    }
    return smtp;
  }
}
