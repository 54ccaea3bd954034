package io.kodama.tenant;

import io.kodama.system.ApiException;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The command-line form of the admin API: {@code java -jar kodama.jar tenant create --name "Acme"},
 * {@code tenant list}, {@code key create --tenant ten_…}, {@code key revoke --tenant ten_… --id key_…}.
 */
public final class AdminCli {

  private final Tenants tenants;

  public AdminCli(Tenants tenants) {
    this.tenants = tenants;
  }

  /** Runs one command; returns the process exit code. */
  public int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 2) {
      err.println(usage());
      return 2;
    }
    Map<String, String> options = new HashMap<>();
    for (int i = 2; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        err.println("Expected --option value, got '" + args[i] + "'\n" + usage());
        return 2;
      }
      options.put(args[i].substring(2), args[++i]);
    }
    try {
      switch (args[0] + " " + args[1]) {
        case "tenant create" -> {
          Tenant tenant = tenants.create(options.get("id"), options.get("name"), options.get("region"),
              options.get("locale"), options.get("brand"), Map.of());
          IssuedKey key = tenants.createKey(tenant.id(), "default");
          out.println("tenant  " + tenant.id() + "  " + tenant.name());
          out.println("api key " + key.key() + "   (shown once; Kodama keeps only its hash)");
        }
        case "tenant list" -> tenants.list().forEach(t ->
            out.println(t.id() + "\t" + t.name() + "\t" + t.region() + "\t" + t.locale() + "\t" + t.brand()));
        case "key create" -> {
          IssuedKey key = tenants.createKey(required(options, "tenant"), options.getOrDefault("name", "cli"));
          out.println("api key " + key.key() + "   (id " + key.id() + "; shown once)");
        }
        case "key list" -> tenants.keys(required(options, "tenant")).forEach(k ->
            out.println(k.id() + "\t" + k.prefix() + "…\t" + k.name() + "\t" + (k.revokedAt() == null ? "active" : "revoked")));
        case "key revoke" -> {
          tenants.revokeKey(required(options, "tenant"), required(options, "id"));
          out.println("revoked " + options.get("id"));
        }
        default -> {
          err.println(usage());
          return 2;
        }
      }
      return 0;
    } catch (ApiException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new ApiException(io.kodama.system.ProblemType.VALIDATION, "--" + name + " is required");
    }
    return value;
  }

  static String usage() {
    return """
        usage: java -jar kodama.jar tenant create --name NAME [--brand BRAND] [--region JP] [--locale ja] [--id ten_x]
               java -jar kodama.jar tenant list
               java -jar kodama.jar key create --tenant TENANT_ID [--name NAME]
               java -jar kodama.jar key list --tenant TENANT_ID
               java -jar kodama.jar key revoke --tenant TENANT_ID --id KEY_ID""";
  }
}
