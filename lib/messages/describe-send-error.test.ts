import { describe, expect, it } from "vitest";
import { describeSendError } from "./describe-send-error";
import { localSendError, parseLocalSendError } from "@/lib/send/local-send-error";

describe("outbound errors in the agent's language", () => {
  it("our own failures round-trip through the stored message", () => {
    const raw = localSendError("window_closed", "Reply window closed", "WINDOW_CLOSED");
    expect(parseLocalSendError(raw)).toEqual({ key: "window_closed", reason: "WINDOW_CLOSED" });
    expect(describeSendError(null, null, raw)).toMatchObject({ key: "window_closed", permanent: true });
    expect(describeSendError(null, null, raw).message).toMatch(/7 days/);
    expect(describeSendError(null, null, localSendError("timeout", "timed out")).key).toBe("timeout");
    expect(describeSendError(null, null, localSendError("not_connected", "x"))).toMatchObject({ key: "not_connected", action: "reconnect" });
    expect(describeSendError(null, null, localSendError("needs_reconnect", "x")).key).toBe("token_invalid");
  });

  it("Meta's text that merely looks like a key is not taken for one", () => {
    expect(parseLocalSendError("[#100] Invalid parameter")).toBeNull();
    expect(parseLocalSendError("[fake] x")).toBeNull();
  });

  it("Meta's errors go through the error map, with the row's tag for a bare code 10", () => {
    expect(describeSendError(10, null, "(#10) The HUMAN_AGENT tag…", { tag: "HUMAN_AGENT" }).message).toMatch(/Human Agent feature/);
    expect(describeSendError(10, null, "(#10) x", { tag: null }).key).toBe("missing_permission");
    expect(describeSendError(551, null, "x").action).toBe("none");
  });
});
