import { describe, expect, it } from "vitest";
import { newPasswordErrors } from "./new-password.ts";

describe("newPasswordErrors", () => {
  it("asks for the password, then its length in characters, then the same repeat", () => {
    expect(newPasswordErrors("", "")).toEqual({ newPassword: { key: "account.password.newRequired" } });
    expect(newPasswordErrors("short7!", "short7!")).toEqual({ newPassword: { key: "account.password.tooShort" } });
    // Eight characters, more than eight UTF-16 units: accepted as the server accepts it.
    expect(newPasswordErrors("mật khẩu", "mật khẩu")).toEqual({});
    expect(newPasswordErrors("một-mật-khẩu-dài", "một-mật-khẩu-dai")).toEqual({
      repeatPassword: { key: "account.password.mismatch" },
    });
  });
});
