import { z } from "@hono/zod-openapi";
import { INSPECTION_CONCLUSIONS, INSPECTION_KINDS } from "@khcn/db/schema";
import { DocumentInput, DocumentView } from "../lifecycle/schemas.ts";

const Text = (max: number) => z.string().trim().min(1, "Required").max(max, `At most ${max} characters`);
const DateInput = z.iso.date("A date as yyyy-mm-dd").openapi({ format: "date", example: "2026-05-20" });

export const INSPECTION_TEAM_ROLES = ["leader", "secretary", "member"] as const;

export const InspectionTeamMember = z
  .strictObject({
    name: Text(200).openapi({ example: "TS. Phạm Văn Đông" }),
    role: z.enum(INSPECTION_TEAM_ROLES).openapi({ description: "Trưởng đoàn, thư ký or thành viên" }),
    organisation: Text(300).nullable().optional(),
  })
  .openapi("InspectionTeamMember");

export const CreateInspectionBody = z
  .strictObject({
    kind: z.enum(INSPECTION_KINDS).openapi({ description: "A periodic inspection or the mid-term review" }),
    inspectedOn: DateInput,
    team: z
      .array(InspectionTeamMember)
      .min(1, "Name the inspection team")
      .max(30)
      .refine((team) => team.filter((m) => m.role === "leader").length <= 1, "At most one leader"),
    findings: Text(20_000),
    conclusion: z.enum(INSPECTION_CONCLUSIONS).openapi({
      description: "continue, continue_with_adjustments, or propose_termination (opens the termination path)",
    }),
    recommendations: Text(10_000).nullable().optional(),
    minutes: DocumentInput.openapi({ description: "The minutes (biên bản) of the inspection, required" }),
  })
  .openapi("CreateInspectionBody");

export const Inspection = z
  .object({
    id: z.number().int(),
    taskId: z.number().int(),
    kind: z.enum(INSPECTION_KINDS),
    inspectedOn: z.string().openapi({ format: "date" }),
    team: z.array(
      z.object({
        name: z.string(),
        role: z.enum(INSPECTION_TEAM_ROLES),
        organisation: z.string().nullable(),
      }),
    ),
    findings: z.string(),
    conclusion: z.enum(INSPECTION_CONCLUSIONS),
    recommendations: z.string().nullable(),
    minutes: DocumentView,
    recordedBy: z.string(),
    recordedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Inspection");

export const TerminationProposal = z
  .object({
    inspectionId: z.number().int(),
    inspectedOn: z.string().openapi({ format: "date" }),
    minutesNumber: z.string().openapi({ example: "12/BB-SKHCN" }),
  })
  .openapi("TerminationProposal", {
    description:
      "The latest inspection of a running task concluded by proposing termination: the terminate step is the way on",
  });

export const InspectionList = z
  .object({
    items: z.array(Inspection).openapi({ description: "Newest first" }),
    canRecord: z.boolean().openapi({ description: "Whether the signed-in user may record an inspection now" }),
    terminationProposal: TerminationProposal.nullable(),
  })
  .openapi("InspectionList");

export type CreateInspectionBody = z.infer<typeof CreateInspectionBody>;
export type Inspection = z.infer<typeof Inspection>;
export type InspectionList = z.infer<typeof InspectionList>;
export type TerminationProposal = z.infer<typeof TerminationProposal>;
