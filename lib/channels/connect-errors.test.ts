import { describe, expect, it } from "vitest";
import { CONNECT_ERRORS, connectedCount, connectErrorMessage } from "./connect-errors";

describe("connect errors in the Channels URL", () => {
  it("known codes show their message", () => {
    expect(connectErrorMessage("cancelled")).toBe(CONNECT_ERRORS.cancelled);
  });

  it.each(["Your account is suspended, call +1 555 0100", "<img src=x onerror=alert(1)>", "toString", "__proto__", "", null, undefined])(
    "anything else shows nothing: %s",
    (value) => {
      expect(connectErrorMessage(value)).toBeNull();
    },
  );

  it("the connected count is a number or nothing", () => {
    expect(connectedCount("3")).toBe(3);
    expect(connectedCount("3 channels and a prize")).toBeNull();
    expect(connectedCount("-1")).toBeNull();
    expect(connectedCount(null)).toBeNull();
  });
});
