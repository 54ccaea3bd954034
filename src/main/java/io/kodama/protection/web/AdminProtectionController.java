package io.kodama.protection.web;

import io.kodama.protection.Block;
import io.kodama.protection.ProtectionBlocks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators see and lift the blocks of the SMS-pumping guard, with the admin token. */
@RestController
@Validated
@RequestMapping(path = "/admin/v1/protection/blocks", produces = "application/json")
@Tag(name = "Admin: protection")
@SecurityRequirement(name = "admin")
class AdminProtectionController {

  private final ProtectionBlocks blocks;

  AdminProtectionController(ProtectionBlocks blocks) {
    this.blocks = blocks;
  }

  record BlockList(List<Block> data) {}

  @GetMapping
  @Operation(summary = "List blocked destinations", description = "Newest first; `active=false` includes lifted"
      + " and ended blocks.")
  BlockList list(@RequestParam(required = false) @Size(max = 40) String tenantId,
      @RequestParam(defaultValue = "true") boolean active,
      @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
    return new BlockList(blocks.list(tenantId, active, limit));
  }

  @GetMapping("/{id}")
  @Operation(summary = "Read a block")
  Block get(@PathVariable String id) {
    return blocks.get(id);
  }

  @PostMapping("/{id}/lift")
  @Operation(summary = "Lift a block", description = "Sends to the destination resume and are counted afresh.")
  Block lift(@PathVariable String id) {
    return blocks.lift(id);
  }
}
