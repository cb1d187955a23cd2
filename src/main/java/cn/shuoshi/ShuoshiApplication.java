package cn.shuoshi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan("cn.shuoshi.settings")
public class ShuoshiApplication {

  public static void main(String[] args) {
    SpringApplication.run(ShuoshiApplication.class, args);
  }
}
