import { describe, expect, it } from "vitest";
import { isValidUploadSignature, uploadSignature, uploadUrl } from "./upload-url";

const id = "7d0f3b0a-2f64-4f55-9a55-1b2d3c4d5e6f";
const secret = "a-test-secret-of-more-than-32-characters";

describe("signed upload URLs", () => {
  it("are built from APP_URL and carry a signature only the secret produces", () => {
    const url = uploadUrl("https://inbox.example.com/", secret, { id, fileName: "Reçu n°1.pdf" });
    expect(url).toBe(`https://inbox.example.com/api/uploads/${id}/${uploadSignature(secret, id)}/Re%C3%A7u%20n%C2%B01.pdf`);
    expect(isValidUploadSignature(secret, id, uploadSignature(secret, id))).toBe(true);
  });

  it("refuse another id's signature, another secret's, and a truncated one", () => {
    const other = "8d0f3b0a-2f64-4f55-9a55-1b2d3c4d5e6f";
    expect(isValidUploadSignature(secret, other, uploadSignature(secret, id))).toBe(false);
    expect(isValidUploadSignature(secret, id, uploadSignature(`${secret}x`, id))).toBe(false);
    expect(isValidUploadSignature(secret, id, uploadSignature(secret, id).slice(0, 10))).toBe(false);
  });
});
