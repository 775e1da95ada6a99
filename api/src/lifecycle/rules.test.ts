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
  regime: "law_2013",
  acceptanceCouncil: "none",
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
  registration: action === "register_results" ? { number: "2025-52-118/ĐKKQ", registeredOn: "2026-03-02" } : null,
  recovery: action === "settle" ? { cause: "non_compliance" as const, amount: 120_000_000n } : null,
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

describe("registration, recovery and the acceptance council", () => {
  const none = { hasDocument: true, comment: null, outcome: null };
  const refusedFields = (d: ReturnType<typeof decide>) =>
    d.allowed ? {} : Object.assign({}, ...d.refusals.map((r) => ("fields" in r ? r.fields : {})));

  it("registering the results needs the certificate's number and date", () => {
    expect(refusedFields(decide("register_results", complete("registration"), ["staff"], none))).toHaveProperty(
      "registration",
    );
    const blank = decide("register_results", complete("registration"), ["staff"], {
      ...none,
      registration: { number: "  ", registeredOn: "2026-03-02" },
    });
    expect(blank.allowed).toBe(false);
  });

  it("settling a failed task needs the cause; a terminated one may go without", () => {
    expect(refusedFields(decide("settle", complete("failed"), ["staff"], none))).toHaveProperty("recovery");
    expect(decide("settle", complete("terminated"), ["staff"], none)).toEqual({ allowed: true, to: "settlement" });
  });

  it("an honest failure under Law 93/2025 recovers nothing; other causes name an amount", () => {
    const law93 = { ...complete("failed"), regime: "law_93_2025" as const };
    const settle = (facts: TaskFacts, cause: "honest_failure" | "misuse_of_funds", amount: bigint) =>
      decide("settle", facts, ["staff"], { ...none, recovery: { cause, amount } });
    expect(settle(law93, "honest_failure", 0n).allowed).toBe(true);
    expect(refusedFields(settle(law93, "honest_failure", 1_000n))).toHaveProperty("recovery.amount");
    // Under the 2013 law an honest failure still refunds what the council found.
    expect(settle(complete("failed"), "honest_failure", 50_000_000n).allowed).toBe(true);
    expect(refusedFields(settle(law93, "misuse_of_funds", 0n))).toHaveProperty("recovery.amount");
    expect(refusedFields(settle(law93, "misuse_of_funds", 900_000_000n))).toHaveProperty("recovery.amount");
    expect(settle(law93, "misuse_of_funds", 800_000_000n).allowed).toBe(true);
  });

  it("refuses registration or recovery input on steps that record none", () => {
    const d = decide("identify", complete("proposed"), ["staff"], {
      ...none,
      registration: { number: "1", registeredOn: "2026-01-01" },
      recovery: { cause: "other", amount: 1n },
    });
    expect(Object.keys(refusedFields(d)).sort()).toEqual(["recovery", "registration"]);
  });

  it("nobody records an acceptance outcome by hand while a council sits", () => {
    const sitting = { ...complete("acceptance"), acceptanceCouncil: "open" as const };
    for (const action of ["record_acceptance_pass", "record_acceptance_fail"] as const) {
      const d = decide(action, sitting, ["staff"], fullInput(action));
      expect(refusedFields(d), action).toHaveProperty("acceptanceCouncil");
      expect(decide(action, { ...sitting, acceptanceCouncil: "closed" }, ["staff"], fullInput(action)).allowed).toBe(
        true,
      );
    }
  });
});
