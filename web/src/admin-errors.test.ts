import { describe, expect, it } from "vitest";
import { adminErrorMessage, adminFieldErrors } from "./admin-errors.ts";
import { ApiError } from "./api/client.ts";

describe("administration errors", () => {
  it("translates the theme rules' explanations", () => {
    const error = new ApiError(400, "VALIDATION_FAILED", "The theme does not fit", {
      parentId: "Themes nest two levels deep at most: choose a top-level theme",
      code: "Letters A–Z, digits and dashes, at most 40",
    });
    expect(adminFieldErrors(error)).toEqual({
      parentId: { key: "admin.themes.parentDepth" },
      code: { key: "admin.themes.codeFormat" },
    });
  });

  it("groups nested fields under their field and keeps the shared mapping for the rest", () => {
    const error = new ApiError(400, "VALIDATION_FAILED", "", {
      "roles.1": "Invalid option",
      nameVi: "Required",
      email: "Already in use",
    });
    expect(adminFieldErrors(error)).toEqual({
      roles: { key: "admin.users.rolesRequired" },
      nameVi: { key: "errors.fieldRequired" },
      email: { key: "admin.users.emailTaken" },
    });
  });

  it("suggests archiving a theme in use, and explains the self-lockout refusal", () => {
    expect(adminErrorMessage(new ApiError(409, "CONFLICT", "This theme labels 3 task(s): archive it instead"))).toEqual(
      {
        key: "admin.themes.inUse",
      },
    );
    expect(
      adminErrorMessage(
        new ApiError(403, "FORBIDDEN", "You cannot remove your own administrator rights or disable yourself"),
      ),
    ).toEqual({ key: "admin.users.selfForbidden" });
    expect(adminErrorMessage(new ApiError(403, "FORBIDDEN", "Only administrators manage accounts"))).toEqual({
      key: "errors.FORBIDDEN",
    });
  });
});
