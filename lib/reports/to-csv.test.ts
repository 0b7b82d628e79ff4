import { describe, expect, it } from "vitest";
import { CSV_BOM, csvField, toCsv } from "./to-csv";

describe("toCsv", () => {
  it("writes a BOM, a header row and CRLF-terminated rows", () => {
    const csv = toCsv(
      [
        { header: "agent", value: (r: { name: string; n: number | null }) => r.name },
        { header: "median_seconds", value: (r) => r.n },
      ],
      [
        { name: "Alex", n: 600 },
        { name: "Jonas Müller", n: null },
      ],
    );
    expect(csv).toBe(`${CSV_BOM}agent,median_seconds\r\nAlex,600\r\nJonas Müller,\r\n`);
  });

  it("quotes commas, quotes and line breaks, doubling quotes", () => {
    expect(csvField('Say "hi", then\nleave')).toBe('"Say ""hi"", then\nleave"');
    expect(csvField("plain")).toBe("plain");
    expect(csvField(1.5)).toBe("1.5");
    expect(csvField(Number.NaN)).toBe("");
    expect(csvField(true)).toBe("true");
  });

  it("defuses text that a spreadsheet would run as a formula, but not negative numbers", () => {
    expect(csvField("=HYPERLINK(\"x\")")).toBe("\"'=HYPERLINK(\"\"x\"\")\"");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField(-3)).toBe("-3");
  });
});
