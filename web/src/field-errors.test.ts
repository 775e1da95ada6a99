import { describe, expect, it } from "vitest";
import { ApiError } from "./api/client.ts";
import { fieldMessage, lockReason, serverFieldErrors } from "./field-errors.ts";

describe("fieldMessage", () => {
  it("maps the server's explanations to catalogue entries", () => {
    expect(fieldMessage("document.number", "Write it as number/TYPE-ISSUER, e.g. 135/QĐ-SKHCN")).toEqual({
      key: "errors.numberFormat",
    });
    expect(fieldMessage("document.number", "The number says 2024 but the document is dated 2025")).toEqual({
      key: "errors.numberYear",
    });
    expect(fieldMessage("document.issuedOn", "A document cannot be dated after today")).toEqual({
      key: "errors.issuedOnFuture",
    });
    expect(fieldMessage("title", "At most 1000 characters")).toEqual({
      key: "errors.tooLong",
      params: { max: "1000" },
    });
    expect(fieldMessage("endDate", "The end date is before the start date")).toEqual({ key: "errors.endBeforeStart" });
    expect(fieldMessage("team.2.personId", "No such person")).toEqual({ key: "errors.notFoundRef" });
    expect(fieldMessage("comment", "A reason is required for this step")).toEqual({ key: "errors.commentRequired" });
  });

  it("falls back on the field, then on a generic message", () => {
    expect(fieldMessage("document.signer", "Too small: expected string to have >=1 characters")).toEqual({
      key: "errors.fieldRequired",
    });
    expect(fieldMessage("document.fileId", "The attached file does not exist")).toEqual({ key: "errors.fileMissing" });
    expect(fieldMessage("kind", "Something new")).toEqual({ key: "errors.fieldInvalid" });
  });

  it("reads the fields of an API error", () => {
    const error = new ApiError(400, "VALIDATION_FAILED", "invalid", {
      stateBudget: "The state budget cannot exceed the total budget",
    });
    expect(serverFieldErrors(error)).toEqual({ stateBudget: { key: "errors.stateOverTotal" } });
    expect(serverFieldErrors(new Error("x"))).toEqual({});
  });
});

describe("lockReason", () => {
  it("names why a field is locked", () => {
    expect(lockReason("Fixed by the approval decision: change it through an adjustment")).toEqual({
      key: "taskForm.lockedApproval",
    });
    expect(lockReason("Under full lump-sum funding the objectives and products cannot change after approval")).toEqual({
      key: "taskForm.lockedLumpSum",
    });
    expect(lockReason("The task has ended (closed): its record is read-only")).toEqual({ key: "taskForm.lockedEnded" });
    expect(lockReason("Only the Department's staff set this")).toEqual({ key: "taskForm.lockedRole" });
    expect(lockReason("New rule")).toEqual({ key: "taskForm.lockedOther" });
  });
});
