package cn.shuoshi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ShuoshiApplication {

  public static void main(String[] args) {
    SpringApplication.run(ShuoshiApplication.class, args);
  }
}
