import { describe, expect, it } from "vitest";
import { isUuid } from "./uuid";

describe("isUuid", () => {
  it.each([
    ["7d0f3b0a-2f64-4f55-9a55-1b2d3c4d5e6f", true],
    ["7D0F3B0A-2F64-4F55-9A55-1B2D3C4D5E6F", true],
    ["00000000-0000-0000-0000-000000000000", true],
    ["7d0f3b0a2f644f559a551b2d3c4d5e6f", false],
    ["{7d0f3b0a-2f64-4f55-9a55-1b2d3c4d5e6f}", false],
    ["7d0f3b0a-2f64-4f55-9a55-1b2d3c4d5e6f ", false],
    ["7d0f3b0a-2f64-4f55-9a55-1b2d3c4d5e6g", false],
    ["not-a-uuid", false],
    ["", false],
    [undefined, false],
    [42, false],
  ])("%s → %s", (value, expected) => {
    expect(isUuid(value)).toBe(expected);
  });
});
