import { describe, expect, it } from "vitest";
import { detectImageType } from "@/lib/domain/catalog/image-type";

const bytes = (...values: (number | string)[]) =>
  Uint8Array.from(values.flatMap((value) => (typeof value === "string" ? [...value].map((char) => char.charCodeAt(0)) : [value])));

describe("detectImageType", () => {
  it("knows PNG, JPEG, GIF and WebP by their first bytes", () => {
    expect(detectImageType(bytes(0x89, "PNG", 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe("image/png");
    expect(detectImageType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("image/jpeg");
    expect(detectImageType(bytes("GIF89a"))).toBe("image/gif");
    expect(detectImageType(bytes("RIFF", 1, 2, 3, 4, "WEBPVP8 "))).toBe("image/webp");
  });

  it("refuses anything else, whatever its name or declared type", () => {
    expect(detectImageType(bytes("<svg xmlns='http://www.w3.org/2000/svg'>"))).toBeNull();
    expect(detectImageType(bytes("<html>"))).toBeNull();
    expect(detectImageType(bytes("RIFF", 1, 2, 3, 4, "WAVE"))).toBeNull();
    expect(detectImageType(new Uint8Array())).toBeNull();
  });
});
