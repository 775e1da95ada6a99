import { FUNDING_MODES, STAGES, type Stage } from "@khcn/db/schema";
import { describe, expect, it } from "vitest";
import { APPROVED_STAGES, APPROVED_TERMS, frozenFields, RECORD_FIELDS, refusedChanges } from "./edit-rules.ts";

const BEFORE_APPROVAL: Stage[] = ["proposed", "identified", "selection", "budget_appraisal"];
const ENDED: Stage[] = ["closed", "rejected", "terminated", "failed"];

describe("fields a stage freezes", () => {
  it("leaves a proposal entirely editable", () => {
    for (const fundingMode of FUNDING_MODES) expect(frozenFields({ stage: "proposed", fundingMode })).toEqual({});
  });

  it("fixes the code once the proposal is taken forward", () => {
    for (const stage of STAGES.filter((s) => s !== "proposed")) {
      expect(frozenFields({ stage, fundingMode: "partial_lump_sum" }).code, stage).toBeDefined();
    }
  });

  it("keeps the approved terms for the lifecycle from approval on", () => {
    for (const stage of APPROVED_STAGES) {
      const frozen = frozenFields({ stage, fundingMode: "partial_lump_sum" });
      for (const field of APPROVED_TERMS) expect(frozen[field], `${stage} ${field}`).toBeDefined();
      if (!ENDED.includes(stage)) {
        expect(frozen.title, stage).toBeUndefined();
        expect(frozen.products, stage).toBeUndefined();
        expect(frozen.objectives, stage).toBeUndefined();
        expect(frozen.team, stage).toBeUndefined();
      }
    }
    for (const stage of BEFORE_APPROVAL) {
      const frozen = frozenFields({ stage, fundingMode: "full_lump_sum" });
      for (const field of APPROVED_TERMS) expect(frozen[field], `${stage} ${field}`).toBeUndefined();
    }
  });

  it("freezes objectives and products under full lump-sum funding after approval", () => {
    const frozen = frozenFields({ stage: "in_progress", fundingMode: "full_lump_sum" });
    expect(frozen.objectives).toMatch(/lump-sum/);
    expect(frozen.products).toMatch(/lump-sum/);
    expect(frozen.contentItems).toBeUndefined();
    expect(frozenFields({ stage: "budget_appraisal", fundingMode: "full_lump_sum" }).products).toBeUndefined();
  });

  it("makes an ended task read-only, naming the stage", () => {
    for (const stage of ENDED) {
      const frozen = frozenFields({ stage, fundingMode: "partial_lump_sum" });
      expect(Object.keys(frozen).sort(), stage).toEqual([...RECORD_FIELDS].sort());
      expect(frozen.title).toContain(stage);
    }
  });

  it("refuses only the changed fields that are frozen, with the reason", () => {
    const refused = refusedChanges({ stage: "in_progress", fundingMode: "full_lump_sum" }, [
      "title",
      "totalBudget",
      "products",
      "applicationSites",
    ]);
    expect(Object.keys(refused).sort()).toEqual(["products", "totalBudget"]);
    expect(refused.totalBudget).toMatch(/adjustment/);
    expect(refusedChanges({ stage: "proposed", fundingMode: "full_lump_sum" }, RECORD_FIELDS)).toEqual({});
  });
});
