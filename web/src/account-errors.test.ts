import { describe, expect, it } from "vitest";
import { accountErrorMessage, accountFieldErrors, retryAfterSeconds, waitDuration } from "./account-errors.ts";
import { ApiError } from "./api/client.ts";

describe("accountFieldErrors", () => {
  it("marks the current password when it is wrong", () => {
    const error = new ApiError(400, "CURRENT_PASSWORD_WRONG", "Wrong", { currentPassword: "Not your password" });
    expect(accountFieldErrors(error)).toEqual({ currentPassword: { key: "account.currentPasswordWrong" } });
    expect(accountErrorMessage(error)).toEqual({ key: "account.currentPasswordWrong" });
  });

  it("words a refused new password by its reason, from the details or the field", () => {
    const common = new ApiError(400, "PASSWORD_REJECTED", "Rejected", { newPassword: "common" });
    expect(accountFieldErrors(common)).toEqual({ newPassword: { key: "account.password.common" } });
    const viaDetails = new ApiError(
      400,
      "PASSWORD_REJECTED",
      "Rejected",
      { newPassword: "Refused" },
      {
        reason: "same_as_email",
      },
    );
    expect(accountFieldErrors(viaDetails)).toEqual({ newPassword: { key: "account.password.sameAsEmail" } });
    const inWords = new ApiError(400, "PASSWORD_REJECTED", "Rejected", {
      newPassword: "At least 8 characters",
    });
    expect(accountFieldErrors(inWords)).toEqual({ newPassword: { key: "account.password.tooShort" } });
  });

  it("marks a taken e-mail at the new e-mail", () => {
    const error = new ApiError(409, "EMAIL_TAKEN", "Taken", { newEmail: "already in use" });
    expect(accountFieldErrors(error)).toEqual({ newEmail: { key: "account.email.taken" } });
  });

  it("has nothing to mark for other failures", () => {
    expect(accountFieldErrors(new Error("boom"))).toEqual({});
    expect(accountFieldErrors(new ApiError(0, "NETWORK_ERROR", "down"))).toEqual({});
  });
});

describe("waitDuration", () => {
  it("rounds up to the unit a person reads", () => {
    expect(waitDuration(0)).toEqual({ unit: "seconds", count: 1 });
    expect(waitDuration(45)).toEqual({ unit: "seconds", count: 45 });
    expect(waitDuration(60)).toEqual({ unit: "minutes", count: 1 });
    expect(waitDuration(61)).toEqual({ unit: "minutes", count: 2 });
    expect(waitDuration(120)).toEqual({ unit: "minutes", count: 2 });
    expect(waitDuration(3599)).toEqual({ unit: "minutes", count: 60 });
    expect(waitDuration(3600)).toEqual({ unit: "hours", count: 1 });
    expect(waitDuration(5400)).toEqual({ unit: "hours", count: 2 });
  });
});

describe("retryAfterSeconds", () => {
  it("reads the wait of a 429 only", () => {
    expect(retryAfterSeconds(new ApiError(429, "TOO_MANY_ATTEMPTS", "", {}, { retryAfterSeconds: 120 }))).toBe(120);
    expect(retryAfterSeconds(new ApiError(429, "TOO_MANY_ATTEMPTS", ""))).toBeNull();
    expect(retryAfterSeconds(new ApiError(401, "INVALID_CREDENTIALS", "", {}, { retryAfterSeconds: 5 }))).toBeNull();
  });
});
