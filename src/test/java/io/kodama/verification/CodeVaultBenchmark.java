package io.kodama.verification;

import io.kodama.phone.PhoneNumbers;
import io.kodama.system.KodamaProperties;
import io.kodama.system.ServerSecret;
import java.lang.reflect.Constructor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Hot paths of a start and a check: code generation, keyed hash, sealing, number parsing. Run with bench/jmh.sh. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodeVaultBenchmark {

  CodeVault vault;
  PhoneNumbers numbers;
  String hash;
  String sealed;

  @Setup
  public void setUp() throws Exception {
    Constructor<ServerSecret> constructor = ServerSecret.class.getDeclaredConstructor(KodamaProperties.class);
    constructor.setAccessible(true);
    ServerSecret secret = constructor.newInstance(
        new KodamaProperties("benchmark-secret-0123456789-abcdefghijklmnop", "target/bench", null));
    vault = new CodeVault(secret);
    numbers = new PhoneNumbers();
    hash = vault.hash("vrf_01JBENCH", "482915", null);
    sealed = vault.seal("vrf_01JBENCH", "482915");
  }

  @Benchmark
  public String generateHashAndSeal() {
    String code = vault.generate(6);
    return vault.hash("vrf_01JBENCH", code, null) + vault.seal("vrf_01JBENCH", code);
  }

  @Benchmark
  public boolean compareCode() {
    return vault.matches("vrf_01JBENCH", "482916", null, hash);
  }

  @Benchmark
  public String unseal() {
    return vault.unseal("vrf_01JBENCH", sealed);
  }

  @Benchmark
  public Object parseNationalNumber() {
    return numbers.parse("090-1234-5678", "JP");
  }
}
