import { describe, expect, it } from "vitest";
import { commonPasswordCount, isCommonPassword } from "./common-passwords.ts";
import { ARGON2_PARAMS, checkPasswordPolicy, hashPassword, verifyPassword } from "./password.ts";

describe("password hashes", () => {
  it("are Argon2id with m=19456 KiB, t=2, p=1, read back from the hash itself", async () => {
    const hash = await hashPassword("a long enough passphrase");
    // PHC string format: $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>
    const match = /^\$(argon2[a-z]+)\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/.exec(hash);
    expect(match).not.toBeNull();
    const [, algorithm, version, m, t, p] = match ?? [];
    expect({ algorithm, version, m: Number(m), t: Number(t), p: Number(p) }).toEqual({
      algorithm: "argon2id",
      version: "19",
      m: 19_456,
      t: 2,
      p: 1,
    });
    expect(ARGON2_PARAMS.memoryCost).toBeGreaterThanOrEqual(19_456);
    expect(await verifyPassword(hash, "a long enough passphrase")).toBe(true);
    expect(await verifyPassword(hash, "a long enough passphrasE")).toBe(false);
  });

  it("salt each hash", async () => {
    expect(await hashPassword("same password twice")).not.toBe(await hashPassword("same password twice"));
  });
});

describe("password policy", () => {
  it("takes 8 to 128 characters, counted as the user sees them, with no composition rules", () => {
    expect(checkPasswordPolicy("short77")).toBe("too_short");
    expect(checkPasswordPolicy("lowercase only words")).toBeNull();
    expect(
      checkPasswordPolicy("x".repeat(64).replace(/x/g, (_, i: number) => String.fromCharCode(97 + (i % 26)))),
    ).toBeNull();
    expect(checkPasswordPolicy("ab".repeat(64))).toBeNull();
    expect(checkPasswordPolicy(`${"ab".repeat(64)}c`)).toBe("too_long");
    // Eight Vietnamese letters with diacritics are eight characters, though more bytes.
    expect(checkPasswordPolicy("đườnglúa")).toBeNull();
    expect(checkPasswordPolicy("đườnglú")).toBe("too_short");
  });

  it("refuses common passwords from the bundled list, in any case, Vietnamese ones included", () => {
    expect(commonPasswordCount()).toBeGreaterThan(10_000);
    for (const p of [
      "password1",
      "PASSWORD1",
      "iloveyou",
      "12345678",
      "qwertyuiop",
      "matkhau123",
      "MatKhau123",
      "anhyeuem",
    ]) {
      expect(isCommonPassword(p), p).toBe(true);
      expect(checkPasswordPolicy(p), p).toBe(p.length < 8 ? "too_short" : "common");
    }
  });

  it("keeps the demo and test passwords acceptable", () => {
    for (const p of ["demo-2025-khcn", "correct-horse-battery", "a long enough passphrase", "long enough pw"]) {
      expect(checkPasswordPolicy(p), p).toBeNull();
    }
  });

  it("refuses the e-mail address or its name part", () => {
    expect(checkPasswordPolicy("nguyen.van.an@test.vn", "Nguyen.Van.An@test.vn")).toBe("same_as_email");
    expect(checkPasswordPolicy("nguyen.van.an", "nguyen.van.an@test.vn")).toBe("same_as_email");
    expect(checkPasswordPolicy("nguyen.van.an!", "nguyen.van.an@test.vn")).toBeNull();
  });
});
