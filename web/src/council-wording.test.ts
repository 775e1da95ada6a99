import { describe, expect, it } from "vitest";
import { ApiError } from "./api/client.ts";
import type { OutcomeExplanation } from "./api/councils.ts";
import {
  compositionGaps,
  councilError,
  explanationLines,
  memberRefusal,
  outcomeGrade,
  readinessLine,
  type Say,
  taskOutcome,
} from "./council-wording.ts";
import type { UserMessage } from "./errors.ts";

/** Says a message as its key and values, so a test reads what the reader would be told. */
const say: Say = (m: UserMessage) =>
  "text" in m
    ? m.text
    : m.params
      ? `${m.key}(${Object.entries(m.params)
          .map(([k, v]) => `${k}=${v}`)
          .join(", ")})`
      : m.key;

const explanation = (over: Partial<OutcomeExplanation> = {}): OutcomeExplanation => ({
  scheme: "grades",
  decision: "PASS_EXCELLENT_BLOCKED_BY_FAIL",
  present: 7,
  absent: 0,
  points: null,
  missingGrades: [],
  counts: { excellent: 2, pass: 4, fail: 1 },
  voting: 7,
  thresholds: [
    { rule: "excellent_share", fraction: "3/4", num: 3, den: 4, needed: 6, got: 2, total: 7, met: false },
    { rule: "no_fail_for_excellent", fraction: "0/1", num: 0, den: 1, needed: 0, got: 1, total: 7, met: false },
    { rule: "pass_share", fraction: "3/4", num: 3, den: 4, needed: 6, got: 6, total: 7, met: true },
  ],
  quorum: {
    met: true,
    present: 7,
    required: 5,
    total: 7,
    chairPresent: true,
    actingViceChair: false,
    fraction: "2/3",
    reviewersPresent: 2,
  },
  recusals: [],
  lateDossier: false,
  regulation: "Thông tư 11/2023/TT-BKHCN",
  ...over,
});

describe("explanationLines", () => {
  it("gives the votes per grade, each threshold as fraction — needed, got, the quorum and the regulation", () => {
    expect(explanationLines(explanation(), say)).toEqual([
      "councils.outcome.decision.PASS_EXCELLENT_BLOCKED_BY_FAIL",
      "councils.outcome.counts(excellent=2, pass=4, fail=1, voting=7)",
      "councils.outcome.threshold(rule=councils.outcome.ruleName.excellent_share, fraction=3/4, needed=6, got=2, verdict=councils.outcome.thresholdNotMet)",
      "councils.outcome.noFailLine(needed=0, got=1, verdict=councils.outcome.thresholdNotMet)",
      "councils.outcome.threshold(rule=councils.outcome.ruleName.pass_share, fraction=3/4, needed=6, got=6, verdict=councils.outcome.thresholdMet)",
      "councils.outcome.quorumMet(present=7, total=7, required=5)",
      "councils.outcome.regulation(regulation=Thông tư 11/2023/TT-BKHCN)",
    ]);
  });

  it("names recusals with their reason, says a late dossier fails, and keeps an unknown rule's own name", () => {
    const lines = explanationLines(
      explanation({
        decision: "NO_QUORUM",
        // A rule this web does not know yet keeps the server's name for it.
        thresholds: [
          { rule: "bespoke" as "pass_share", fraction: "2/3", num: 2, den: 3, needed: 4, got: 3, total: 6, met: false },
        ],
        quorum: {
          met: false,
          present: 3,
          required: 5,
          total: 7,
          chairPresent: false,
          actingViceChair: false,
          fraction: "2/3",
          reviewersPresent: 1,
        },
        recusals: [
          { memberId: 3, fullName: "Lê Văn Ba", reason: "Đồng tác giả" },
          { memberId: 4, fullName: "Trần Thị Tư", reason: null },
        ],
        lateDossier: true,
        regulation: "",
      }),
      say,
    );
    expect(lines).toEqual([
      "councils.outcome.decision.NO_QUORUM",
      "councils.outcome.counts(excellent=2, pass=4, fail=1, voting=7)",
      "councils.outcome.threshold(rule=bespoke, fraction=2/3, needed=4, got=3, verdict=councils.outcome.thresholdNotMet)",
      "councils.outcome.quorumNotMet(present=3, total=7, required=5)",
      "councils.outcome.recusalWithReason(name=Lê Văn Ba, reason=Đồng tác giả)",
      "councils.outcome.recusal(name=Trần Thị Tư)",
      "councils.outcome.lateDossier",
    ]);
  });
});

describe("taskOutcome", () => {
  it("takes a task's own result from a council that reviewed several, else the council's", () => {
    const outcome = {
      result: "pass" as const,
      explanation: { decision: "PASS" },
      tasks: [{ taskId: 8, result: "fail" as const, explanation: { decision: "FAIL_PASS_SHARE_NOT_MET" } }],
      closedAt: "2026-11-26T03:00:00Z",
    };
    expect(taskOutcome(outcome, 8).result).toBe("fail");
    expect(taskOutcome(outcome, 8).explanation.decision).toBe("FAIL_PASS_SHARE_NOT_MET");
    expect(taskOutcome(outcome, 9).result).toBe("pass");
    expect(taskOutcome(outcome).result).toBe("pass");
  });
});

describe("outcomeGrade", () => {
  it("is the grade of an acceptance result and null for a selection's winner", () => {
    expect(outcomeGrade("pass")).toBe("pass");
    expect(outcomeGrade({ winnerApplicantId: 5 })).toBeNull();
  });
});

describe("readinessLine", () => {
  it("is fine when the documents went out early enough", () => {
    expect(readinessLine({ workingDaysBeforeMeeting: 5, requiredWorkingDays: 3, warning: false })).toEqual({
      tone: "ok",
      message: { key: "councils.meeting.readyOk", params: { days: "5", required: "3" } },
    });
  });

  it("warns when they went out too late, after the meeting, or the dates are unknown", () => {
    expect(readinessLine({ workingDaysBeforeMeeting: 2, requiredWorkingDays: 3, warning: true }).message).toEqual({
      key: "councils.meeting.readyWarn",
      params: { days: "2", required: "3" },
    });
    // The server's warning wins even when the count alone looks enough (e.g. holidays it knows of).
    expect(readinessLine({ workingDaysBeforeMeeting: 3, requiredWorkingDays: 3, warning: true }).tone).toBe("warn");
    expect(readinessLine({ workingDaysBeforeMeeting: -1, requiredWorkingDays: 3, warning: true }).message).toEqual({
      key: "councils.meeting.readyAfter",
      params: { required: "3" },
    });
    expect(readinessLine({ workingDaysBeforeMeeting: null, requiredWorkingDays: 3, warning: false })).toEqual({
      tone: "warn",
      message: { key: "councils.meeting.readyUnknown", params: { required: "3" } },
    });
  });
});

describe("compositionGaps", () => {
  const composition = {
    size: 7,
    roles: [
      { role: "chair" as const, count: 1 },
      { role: "reviewer" as const, count: 2 },
      { role: "scientific_secretary" as const, count: 1 },
    ],
  };

  it("lists the roles still short and is complete only with every role and the full size", () => {
    const some = compositionGaps(composition, [{ role: "chair" }, { role: "reviewer" }, { role: "member" }]);
    expect(some.missing).toEqual([
      { role: "reviewer", need: 2, have: 1 },
      { role: "scientific_secretary", need: 1, have: 0 },
    ]);
    expect(some.complete).toBe(false);
    const roles = [
      { role: "chair" },
      { role: "reviewer" },
      { role: "reviewer" },
      { role: "scientific_secretary" },
    ] as const;
    expect(compositionGaps(composition, roles).complete).toBe(false);
    const full = [...roles, { role: "member" }, { role: "member" }, { role: "member" }] as const;
    expect(compositionGaps(composition, full).complete).toBe(true);
  });
});

describe("memberRefusal", () => {
  it("puts a team member's refusal at the expert field and a key-role refusal at the role", () => {
    const team = new ApiError(422, "TEAM_MEMBER", "On the team", { personId: "On the team" });
    expect(memberRefusal(team)).toEqual({ field: "personId", message: { key: "councils.errors.TEAM_MEMBER" } });
    const host = new ApiError(422, "HOST_ORG_KEY_ROLE", "Host person as reviewer", { role: "x" });
    expect(memberRefusal(host)).toEqual({ field: "role", message: { key: "councils.errors.HOST_ORG_KEY_ROLE" } });
  });

  it("follows the server's field for a code it does not know, else speaks to the whole form", () => {
    const other = new ApiError(422, "SOMETHING_NEW", "New rule", { role: "New rule" });
    expect(memberRefusal(other)).toEqual({ field: "role", message: { text: "New rule" } });
    expect(memberRefusal(new ApiError(0, "NETWORK_ERROR", "down")).field).toBeNull();
  });
});

describe("councilError", () => {
  it("names the members who have not signed off when closing is refused", () => {
    const error = new ApiError(409, "MISSING_GRADES", "Missing", {}, { members: [{ fullName: "A" }, "B"] });
    expect(councilError(error)).toEqual({ key: "councils.errors.MISSING_GRADES", params: { names: "A, B" } });
    expect(councilError(new ApiError(409, "MISSING_GRADES", "Missing"))).toEqual({
      key: "councils.errors.MISSING_GRADES_ANON",
    });
    expect(councilError(new ApiError(409, "NO_QUORUM", "No quorum"))).toEqual({ key: "councils.errors.NO_QUORUM" });
  });
});
