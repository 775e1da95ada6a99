import { describe, expect, it } from "vitest";
import { addCalendarDays, DEFAULT_DEADLINE_RULES, type DeadlineFacts, stepDeadlines } from "./deadlines.ts";

const base: DeadlineFacts = {
  stage: "in_progress",
  endDate: "2026-07-31",
  dossierReceivedOn: null,
  councilEstablishedOn: null,
  acceptedOn: null,
  recognisedOn: null,
  registeredOn: null,
  today: "2026-07-10",
};

const byStep = (facts: DeadlineFacts) =>
  Object.fromEntries(stepDeadlines(facts, DEFAULT_DEADLINE_RULES).map((s) => [s.step, s]));

describe("step deadlines", () => {
  it("counts calendar days across month ends", () => {
    expect(addCalendarDays("2026-01-31", 30)).toBe("2026-03-02");
    expect(addCalendarDays("2024-02-28", 1)).toBe("2024-02-29");
  });

  it("runs only the dossier deadline while the contract runs", () => {
    const steps = byStep(base);
    expect(steps.dossier).toMatchObject({ dueOn: "2026-08-30", status: "open", daysLeft: 51 });
    expect(steps.council_establishment).toMatchObject({ dueOn: null, status: "pending" });
    expect(steps.revision).toMatchObject({ status: "pending" });
  });

  it("gives the council 15 working days from a valid dossier, skipping weekends and 2/9", () => {
    // Received Thursday 20 August 2026; 2 September and the day next to it are off.
    const steps = byStep({ ...base, stage: "acceptance", dossierReceivedOn: "2026-08-20", today: "2026-08-21" });
    expect(steps.dossier).toMatchObject({ status: "done", doneOn: "2026-08-20" });
    // 21, 24–28 Aug (6), 31 Aug (7), 3, 4 (9), 7–11 (14), 14 Sep (15): 1 and 2 September are off.
    expect(steps.council_establishment?.dueOn).toBe("2026-09-14");
  });

  it("marks a late step and an overdue one", () => {
    const steps = byStep({
      ...base,
      stage: "acceptance",
      dossierReceivedOn: "2026-08-15",
      councilEstablishedOn: "2026-09-20",
      today: "2026-11-01",
    });
    expect(steps.dossier?.status).toBe("done");
    expect(steps.council_establishment?.status).toBe("done_late");
    expect(steps.meeting).toMatchObject({ dueOn: "2026-10-20", status: "overdue", daysLeft: -12 });
  });

  it("counts revision and registration from the acceptance, 30 days each", () => {
    const steps = byStep({
      ...base,
      stage: "recognition",
      dossierReceivedOn: "2026-07-20",
      councilEstablishedOn: "2026-08-01",
      acceptedOn: "2026-08-25",
      today: "2026-09-01",
    });
    expect(steps.meeting?.status).toBe("done");
    expect(steps.revision).toMatchObject({ dueOn: "2026-09-24", status: "open" });
    expect(steps.registration).toMatchObject({ dueOn: "2026-09-24", status: "open" });
  });

  it("drops the steps after a pass when the task failed, and shows nothing before a contract", () => {
    const failed = stepDeadlines({ ...base, stage: "failed", acceptedOn: "2026-08-25" }, DEFAULT_DEADLINE_RULES);
    expect(failed.map((s) => s.step)).toEqual(["dossier", "council_establishment", "meeting"]);
    expect(stepDeadlines({ ...base, stage: "proposed", endDate: null }, DEFAULT_DEADLINE_RULES)).toEqual([]);
  });

  it("follows the rule parameters", () => {
    const steps = stepDeadlines(
      { ...base, stage: "recognition", acceptedOn: "2026-08-25" },
      { ...DEFAULT_DEADLINE_RULES, revisionDays: 15, dossierDays: 60 },
    );
    expect(steps.find((s) => s.step === "revision")?.dueOn).toBe("2026-09-09");
    expect(steps.find((s) => s.step === "dossier")?.dueOn).toBe("2026-09-29");
  });
});
