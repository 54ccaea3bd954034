package io.kodama.protection;

import io.kodama.system.ApiException;
import java.util.List;
import org.springframework.stereotype.Service;

/** Blocks of the SMS-pumping guard, for operators: list and lift. */
@Service
public class ProtectionBlocks {

  private final PumpingGuard pumping;

  ProtectionBlocks(PumpingGuard pumping) {
    this.pumping = pumping;
  }

  /** The newest blocks first, of one tenant or all; only those in force when {@code activeOnly}. */
  public List<Block> list(String tenantId, boolean activeOnly, int limit) {
    return pumping.list(tenantId, activeOnly, Math.max(1, Math.min(limit, 500)));
  }

  public Block get(String id) {
    return pumping.find(id).orElseThrow(() -> ApiException.notFound("block", id));
  }

  /** Lifts a block now; sends to its destination are counted afresh from this moment. */
  public Block lift(String id) {
    return pumping.lift(id).orElseThrow(() -> ApiException.notFound("block", id));
  }
}
