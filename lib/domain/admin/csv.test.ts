import { describe, expect, it } from "vitest";
import { csvLine } from "@/lib/domain/admin/csv";

describe("CSV lines", () => {
  it("quotes commas, quotes and line breaks, and leaves plain cells alone", () => {
    expect(csvLine(["plain", 42, null, 'say "hi"', "a,b", "two\nlines"])).toBe('plain,42,,"say ""hi""","a,b","two\nlines"\r\n');
  });

  it("defuses cells a spreadsheet would run as a formula", () => {
    expect(csvLine(["=HYPERLINK(1)", "+1", "-2", "@SUM(A1)"])).toBe("'=HYPERLINK(1),'+1,'-2,'@SUM(A1)\r\n");
    expect(csvLine([-2])).toBe("-2\r\n");
  });
});
