import { STAGES, type Stage } from "@khcn/db/schema";
import { describe, expect, it } from "vitest";
import { ACTION_NAMES, type Action, actionsFrom, decide, type TaskFacts, type TaskRole } from "./rules.ts";

/*
 * The expected machine, written out by hand from the domain (not derived from the table under
 * test): action → [from stages, to stage, roles]. The grid below checks every stage × action ×
 * role against it, refused combinations included.
 */
const EXPECTED: Record<Action, [Stage[], Stage, TaskRole[]]> = {
  identify: [["proposed"], "identified", ["staff"]],
  reject_proposal: [["proposed"], "rejected", ["staff", "head"]],
  open_selection: [["identified"], "selection", ["staff"]],
  select_host: [["selection"], "budget_appraisal", ["staff"]],
  reject_at_selection: [["selection"], "rejected", ["staff", "head"]],
  reopen_selection: [["budget_appraisal"], "selection", ["staff"]],
  approve: [["budget_appraisal"], "approved", ["staff", "head"]],
  return_to_appraisal: [["approved"], "budget_appraisal", ["staff", "head"]],
  sign_contract: [["approved"], "in_progress", ["staff"]],
  terminate: [["in_progress"], "terminated", ["staff", "head"]],
  receive_acceptance_dossier: [["in_progress"], "acceptance", ["staff"]],
  return_dossier: [["acceptance"], "in_progress", ["staff"]],
  record_acceptance_pass: [["acceptance"], "recognition", ["staff"]],
  record_acceptance_fail: [["acceptance"], "failed", ["staff"]],
  reopen_acceptance: [["recognition"], "acceptance", ["staff"]],
  recognise_results: [["recognition"], "registration", ["staff", "head"]],
  register_results: [["registration"], "settlement", ["staff"]],
  settle: [["terminated", "failed"], "settlement", ["staff"]],
  liquidate: [["settlement"], "closed", ["staff"]],
};

const ROLES: TaskRole[] = ["staff", "head", "pi", "council", "admin"];

const complete = (stage: Stage): TaskFacts => ({
  stage,
  hostOrganisationId: 1,
  piPersonId: 2,
  totalBudget: 1_000_000_000n,
  stateBudget: 800_000_000n,
  startDate: "2025-01-01",
  endDate: "2026-12-31",
  fundingMode: "partial_lump_sum",
  selectionMethod: "open_call",
});

const fullInput = (action: Action) => ({
  hasDocument: true,
  comment: "Theo kết luận của hội đồng",
  outcome:
    action === "record_acceptance_fail"
      ? ("fail" as const)
      : action === "record_acceptance_pass"
        ? ("pass" as const)
        : null,
});

describe("the stage × action × role grid", () => {
  it("has exactly the actions the domain describes", () => {
    expect([...ACTION_NAMES].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const stage of STAGES) {
    for (const action of ACTION_NAMES) {
      const [from, to, roles] = EXPECTED[action];
      for (const role of ROLES) {
        const expected = from.includes(stage) && roles.includes(role);
        it(`${stage} · ${action} · ${role} → ${expected ? to : "refused"}`, () => {
          const decision = decide(action, complete(stage), [role], fullInput(action));
          if (expected) {
            expect(decision).toEqual({ allowed: true, to });
          } else {
            expect(decision.allowed).toBe(false);
            if (!decision.allowed) {
              const codes = decision.refusals.map((r) => r.code);
              if (!from.includes(stage)) expect(codes).toContain("WRONG_STAGE");
              if (!roles.includes(role)) expect(codes).toContain("ROLE");
            }
          }
        });
      }
    }
  }

  it("refuses everything to a person with no role on the task", () => {
    for (const stage of STAGES) {
      for (const action of ACTION_NAMES) expect(decide(action, complete(stage), []).allowed).toBe(false);
    }
  });

  it("leaves closed and rejected tasks with no way out", () => {
    expect(actionsFrom("closed")).toEqual([]);
    expect(actionsFrom("rejected")).toEqual([]);
  });

  it("reaches closed from proposed along the main path", () => {
    const path: Action[] = [
      "identify",
      "open_selection",
      "select_host",
      "approve",
      "sign_contract",
      "receive_acceptance_dossier",
      "record_acceptance_pass",
      "recognise_results",
      "register_results",
      "liquidate",
    ];
    let stage: Stage = "proposed";
    for (const action of path) {
      const d = decide(action, complete(stage), ["staff"], fullInput(action));
      if (!d.allowed) throw new Error(`${action} refused at ${stage}`);
      stage = d.to;
    }
    expect(stage).toBe("closed");
  });
});

describe("guards", () => {
  it("approval needs host organisation, PI, budget and dates", () => {
    const bare: TaskFacts = {
      ...complete("budget_appraisal"),
      hostOrganisationId: null,
      piPersonId: null,
      totalBudget: 0n,
      stateBudget: 0n,
      startDate: null,
      endDate: null,
    };
    const d = decide("approve", bare, ["head"], fullInput("approve"));
    expect(d).toEqual({
      allowed: false,
      refusals: [
        {
          code: "MISSING_FIELDS",
          fields: {
            hostOrganisationId: expect.any(String),
            piPersonId: expect.any(String),
            totalBudget: expect.any(String),
            startDate: expect.any(String),
            endDate: expect.any(String),
          },
        },
      ],
    });
  });

  it("approval refuses an end date before the start and a state share above the total", () => {
    const d = decide(
      "approve",
      { ...complete("budget_appraisal"), endDate: "2024-12-31", stateBudget: 2_000_000_000n },
      ["staff"],
      fullInput("approve"),
    );
    expect(d.allowed).toBe(false);
    if (!d.allowed)
      expect(d.refusals[0]).toMatchObject({ fields: { endDate: expect.any(String), stateBudget: expect.any(String) } });
  });

  it("opening selection needs the selection method", () => {
    const d = decide(
      "open_selection",
      { ...complete("identified"), selectionMethod: null },
      ["staff"],
      fullInput("open_selection"),
    );
    expect(d.allowed).toBe(false);
    if (!d.allowed)
      expect(d.refusals[0]).toMatchObject({ code: "MISSING_FIELDS", fields: { selectionMethod: expect.any(String) } });
  });

  it("each step asks for its document, and reasons for rejections and backward moves", () => {
    const none = { hasDocument: false, comment: null, outcome: null };
    const missing = (action: Action, stage: Stage) => {
      const d = decide(action, complete(stage), ["staff"], none);
      return d.allowed
        ? {}
        : (d.refusals.find((r) => r.code === "MISSING_INPUT") as { fields: object } | undefined)?.fields;
    };
    expect(Object.keys(missing("identify", "proposed") ?? {})).toEqual(["document"]);
    expect(Object.keys(missing("reject_proposal", "proposed") ?? {})).toEqual(["document", "comment"]);
    expect(Object.keys(missing("reopen_selection", "budget_appraisal") ?? {})).toEqual(["comment"]);
    expect(Object.keys(missing("record_acceptance_pass", "acceptance") ?? {})).toEqual(["document", "outcome"]);
  });

  it("a blank comment is no reason", () => {
    const d = decide("return_dossier", complete("acceptance"), ["staff"], {
      hasDocument: false,
      comment: "   ",
      outcome: null,
    });
    expect(d.allowed).toBe(false);
  });

  it("the acceptance outcome must match the step", () => {
    const pass = (outcome: "excellent" | "pass" | "fail") =>
      decide("record_acceptance_pass", complete("acceptance"), ["staff"], { hasDocument: true, comment: null, outcome })
        .allowed;
    expect(pass("excellent")).toBe(true);
    expect(pass("pass")).toBe(true);
    expect(pass("fail")).toBe(false);
    const fail = decide("record_acceptance_fail", complete("acceptance"), ["staff"], {
      hasDocument: true,
      comment: null,
      outcome: "pass",
    });
    expect(fail.allowed).toBe(false);
    const stray = decide("identify", complete("proposed"), ["staff"], {
      hasDocument: true,
      comment: null,
      outcome: "pass",
    });
    expect(stray.allowed).toBe(false);
  });

  it("without input it only asks whether the action is open now", () => {
    expect(decide("identify", complete("proposed"), ["staff"])).toEqual({ allowed: true, to: "identified" });
  });
});
