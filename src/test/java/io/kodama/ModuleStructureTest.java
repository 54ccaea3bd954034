package io.kodama;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModuleStructureTest {

  @Test
  void modulesDependOnEachOtherOnlyThroughTheirPublicApi() {
    ApplicationModules.of(KodamaApplication.class).verify();
  }
}
