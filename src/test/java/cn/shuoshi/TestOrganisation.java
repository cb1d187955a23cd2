package cn.shuoshi;

import cn.shuoshi.organisation.OrganisationImporter;
import java.io.InputStream;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;

/** Tests work on the demo organisation (龙山镇, 18 villages), imported the way an administrator would. */
@TestConfiguration
public class TestOrganisation {

  @Bean
  ApplicationRunner importTestOrganisation(OrganisationImporter importer) {
    return (ApplicationArguments args) -> {
      try (InputStream units = new ClassPathResource("demo/organisation/units.csv").getInputStream();
          InputStream cadres = new ClassPathResource("demo/organisation/cadres.csv").getInputStream()) {
        importer.importCsv(units, cadres, user -> "test-" + user);
      }
    };
  }
}
