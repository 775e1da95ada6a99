import { describe, expect, it } from "vitest";
import { defaultParameter } from "../rules/parameters.ts";
import { checkQuorum, type QuorumMember } from "./quorum.ts";

const rules = defaultParameter("council_quorum", "law_2013");

/** A council of seven: chair 1, vice-chair 2, reviewers 3 and 4, secretary 5, members 6 and 7. */
function council(absent: number[] = [], recused: number[] = []): QuorumMember[] {
  const roles = ["chair", "vice_chair", "reviewer", "reviewer", "scientific_secretary", "member", "member"] as const;
  return roles.map((role, i) => ({
    memberId: i + 1,
    role,
    attended: !absent.includes(i + 1),
    recused: recused.includes(i + 1),
  }));
}

describe("quorum", () => {
  it("is met with everyone there", () => {
    expect(checkQuorum(council(), rules)).toMatchObject({
      met: true,
      present: 7,
      required: 5,
      total: 7,
      fraction: "2/3",
      chairPresent: true,
      actingViceChair: false,
      reviewersPresent: 2,
      reasons: [],
    });
  });

  it("is met with exactly 2/3 present (6 of 9) and missed one short (5 of 9)", () => {
    const nine = (absent: number[]): QuorumMember[] =>
      [...council(), { memberId: 8, role: "member" as const }, { memberId: 9, role: "member" as const }].map((m) => ({
        ...m,
        attended: !absent.includes(m.memberId),
        recused: false,
      }));
    expect(checkQuorum(nine([7, 8, 9]), rules)).toMatchObject({ met: true, present: 6, required: 6 });
    const short = checkQuorum(nine([6, 7, 8, 9]), rules);
    expect(short).toMatchObject({ met: false, present: 5, required: 6 });
    expect(short.reasons).toEqual([{ code: "TOO_FEW_PRESENT", got: 5, needed: 6 }]);
  });

  it("counts only members not recused", () => {
    // Two recused: 5 seated, 4 present ≥ 2/3 of 5 (needs 4).
    const result = checkQuorum(council([7], [5, 6]), rules);
    expect(result).toMatchObject({ met: true, total: 5, present: 4, required: 4, recused: 2 });
  });

  it("lets the vice-chair act for an absent chair", () => {
    const result = checkQuorum(council([1]), rules);
    expect(result).toMatchObject({ met: true, chairPresent: false, actingViceChair: true, actingChairMemberId: 2 });
  });

  it("fails with neither chair nor vice-chair", () => {
    const result = checkQuorum(council([1, 2]), rules);
    expect(result.met).toBe(false);
    expect(result.reasons).toEqual([{ code: "NO_CHAIR" }]);
  });

  it("refuses an acting chair who is not the vice-chair", () => {
    const result = checkQuorum(council([1]), rules, { actingChairMemberId: 6 });
    expect(result.met).toBe(false);
    expect(result.reasons.map((r) => r.code)).toEqual(["ACTING_CHAIR_NOT_VICE_CHAIR", "NO_CHAIR"]);
  });

  it("needs both reviewers", () => {
    const result = checkQuorum(council([4]), rules);
    expect(result.met).toBe(false);
    expect(result.reasons).toEqual([{ code: "REVIEWERS_ABSENT", got: 1, needed: 2 }]);
  });

  it("takes its fraction and required roles from the parameter", () => {
    const lenient = { fraction: { num: 1, den: 2 }, chairRequired: false, reviewersRequired: 1 };
    expect(checkQuorum(council([1, 2, 4]), lenient)).toMatchObject({ met: true, present: 4, required: 4 });
    expect(checkQuorum(council([1, 2, 4, 6]), lenient)).toMatchObject({ met: false, present: 3, required: 4 });
  });

  it("is never met with nobody seated", () => {
    const empty = checkQuorum([], rules);
    expect(empty).toMatchObject({ met: false, total: 0 });
    expect(empty.reasons[0]).toEqual({ code: "NO_MEMBERS", got: 0, needed: 0 });
    const allRecused = checkQuorum(council([], [1, 2, 3, 4, 5, 6, 7]), rules);
    expect(allRecused.met).toBe(false);
  });

  it("treats unrecorded attendance as absent and says so", () => {
    const members = council().map((m) => (m.memberId >= 6 ? { ...m, attended: null } : m));
    const result = checkQuorum(members, rules);
    expect(result).toMatchObject({ met: true, present: 5 });
    expect(result.reasons).toEqual([{ code: "ATTENDANCE_NOT_RECORDED", memberIds: [6, 7] }]);
  });
});
