import { z } from "@hono/zod-openapi";
import {
  ACCEPTANCE_OUTCOMES,
  CONFLICT_STATUSES,
  COUNCIL_KINDS,
  COUNCIL_ROLES,
  COUNCIL_STATUSES,
  STAGES,
  TASK_FIELDS,
} from "@khcn/db/schema";
import { idempotencyKeyHeader } from "../idempotency/header.ts";
import { DocumentInput, DocumentView } from "../lifecycle/schemas.ts";

const id = z.coerce.number().int().positive().max(2_147_483_647);
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use the form yyyy-mm-dd")
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: "Not a real date",
    },
  );

export const CouncilIdParam = z.object({ id });
export const MemberParams = z.object({ id, memberId: id });
export const ScoreParams = z.object({ id, taskId: id });
export const ExpertIdParam = z.object({ id });

// ---- experts

export const ExpertQuery = z.object({
  q: z.string().trim().max(100).optional(),
  field: z.enum(TASK_FIELDS).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

export const Expert = z
  .object({
    id: z.number().int(),
    personId: z.number().int(),
    fullName: z.string(),
    title: z.string().nullable(),
    position: z.string().nullable(),
    field: z.enum(TASK_FIELDS),
    specialty: z.string().nullable(),
    organisation: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    userId: z.number().int().nullable(),
  })
  .openapi("Expert");

export const ExpertList = z.object({ items: z.array(Expert), total: z.number().int() }).openapi("ExpertList");

const contact = {
  email: z.email().max(200).optional(),
  phone: z.string().trim().max(40).optional(),
};

export const CreateExpertBody = z
  .union([
    z.strictObject({
      fullName: z.string().trim().min(1).max(200),
      title: z.string().trim().max(40).optional(),
      field: z.enum(TASK_FIELDS),
      specialty: z.string().trim().max(300).optional(),
      organisationId: z.number().int().positive().optional(),
      ...contact,
    }),
    z.strictObject({
      personId: z.number().int().positive(),
      field: z.enum(TASK_FIELDS),
      specialty: z.string().trim().max(300).optional(),
    }),
  ])
  .openapi("CreateExpertBody");

export const UpdateExpertBody = z
  .strictObject({
    fullName: z.string().trim().min(1).max(200).optional(),
    title: z.string().trim().max(40).nullable().optional(),
    field: z.enum(TASK_FIELDS).optional(),
    specialty: z.string().trim().max(300).nullable().optional(),
    organisationId: z.number().int().positive().nullable().optional(),
    email: z.email().max(200).nullable().optional(),
    phone: z.string().trim().max(40).nullable().optional(),
    active: z.boolean().optional(),
  })
  .openapi("UpdateExpertBody");

// ---- councils

export const CouncilListQuery = z.object({
  taskId: id.optional(),
  kind: z.enum(COUNCIL_KINDS).optional(),
  status: z.enum(COUNCIL_STATUSES).optional(),
});

export const CompositionQuery = z.object({ kind: z.enum(COUNCIL_KINDS), taskId: id });

export const Composition = z
  .object({
    size: z.number().int(),
    roles: z.array(z.object({ role: z.enum(COUNCIL_ROLES), count: z.number().int() })),
  })
  .openapi("CouncilComposition");

const Grade = z.enum(ACCEPTANCE_OUTCOMES);

export const Outcome = z
  .object({
    /** An acceptance grade, or for a selection council the winner (null: no winner). */
    result: z.union([Grade, z.object({ winnerApplicantId: z.number().int().nullable() })]),
    explanation: z.record(z.string(), z.unknown()).openapi({
      description:
        "From grading.ts: counts per grade, voting, thresholds [{rule, fraction, needed, got, met}], quorum, recusals, lateDossier, regulation, decision (or the selection ranking)",
    }),
    /** A council reviewing several tasks: each task's own result. */
    tasks: z.array(
      z.object({
        taskId: z.number().int(),
        result: z.union([Grade, z.object({ winnerApplicantId: z.number().int().nullable() })]),
        explanation: z.record(z.string(), z.unknown()),
      }),
    ),
    closedAt: z.string(),
  })
  .openapi("CouncilOutcome");

export const CouncilSummary = z
  .object({
    id: z.number().int(),
    kind: z.enum(COUNCIL_KINDS),
    status: z.enum(COUNCIL_STATUSES),
    title: z.string(),
    meetingOn: z.string().nullable(),
    location: z.string().nullable(),
    tasks: z.array(z.object({ id: z.number().int(), code: z.string(), title: z.string(), stage: z.enum(STAGES) })),
    memberCount: z.number().int(),
    outcome: Outcome.nullable(),
    minutes: z.object({ fileId: z.number().int(), fileName: z.string() }).nullable(),
  })
  .openapi("CouncilSummary");

export const CouncilList = z.object({ items: z.array(CouncilSummary) }).openapi("CouncilList");

const ScoreStatus = z.enum(["not_started", "draft", "signed_off"]);

export const MyCouncils = z
  .object({
    items: z.array(
      z.object({
        council: CouncilSummary,
        myRole: z.enum(COUNCIL_ROLES),
        memberId: z.number().int(),
        conflict: z.enum(CONFLICT_STATUSES),
        recused: z.boolean(),
        tasks: z.array(
          z.object({ taskId: z.number().int(), code: z.string(), title: z.string(), scoreStatus: ScoreStatus }),
        ),
      }),
    ),
  })
  .openapi("MyCouncils");

const Flag = z.object({
  code: z.string(),
  severity: z.enum(["refuse", "warn"]),
  message: z.string(),
  taskIds: z.array(z.number().int()).optional(),
});

export const Council = z
  .object({
    id: z.number().int(),
    kind: z.enum(COUNCIL_KINDS),
    status: z.enum(COUNCIL_STATUSES),
    title: z.string(),
    version: z.number().int(),
    unitId: z.number().int(),
    regime: z.string(),
    tasks: z.array(
      z.object({
        id: z.number().int(),
        code: z.string(),
        title: z.string(),
        stage: z.enum(STAGES),
        hostOrganisation: z.object({ id: z.number().int(), name: z.string() }).nullable(),
        products: z.array(
          z.object({
            id: z.number().int(),
            name: z.string(),
            productClass: z.string(),
            quantity: z.string(),
            unit: z.string(),
          }),
        ),
      }),
    ),
    applicants: z.array(
      z.object({
        id: z.number().int(),
        taskId: z.number().int(),
        name: z.string(),
        organisationId: z.number().int().nullable(),
        piName: z.string().nullable(),
      }),
    ),
    establishment: DocumentView.nullable(),
    meetingOn: z.string().nullable(),
    location: z.string().nullable(),
    dossierSentOn: z.string().nullable(),
    readiness: z.object({
      workingDaysBeforeMeeting: z.number().int().nullable(),
      requiredWorkingDays: z.number().int(),
      warning: z.boolean(),
      message: z.string().nullable(),
    }),
    adminSecretary: z.object({ userId: z.number().int(), fullName: z.string() }).nullable(),
    composition: Composition,
    members: z.array(
      z.object({
        id: z.number().int(),
        role: z.enum(COUNCIL_ROLES),
        person: z.object({
          id: z.number().int(),
          fullName: z.string(),
          title: z.string().nullable(),
          organisation: z.string().nullable(),
        }),
        conflict: z.object({
          status: z.enum(CONFLICT_STATUSES),
          note: z.string().nullable(),
          declaredAt: z.string().nullable(),
        }),
        flags: z.array(Flag),
        recused: z.boolean(),
        recusalReason: z.string().nullable(),
        attended: z.boolean().nullable(),
        scoreStatus: ScoreStatus,
        /** Each member's overall grade per task: null until the council closes. */
        grades: z.array(z.object({ taskId: z.number().int(), grade: Grade.nullable() })).nullable(),
      }),
    ),
    actingChairMemberId: z.number().int().nullable(),
    quorum: z.record(z.string(), z.unknown()).nullable().openapi({ description: "quorum.ts QuorumResult" }),
    outcome: Outcome.nullable(),
    minutes: z.object({ fileId: z.number().int(), fileName: z.string() }).nullable(),
    reopenings: z.array(
      z.object({
        memberId: z.number().int(),
        taskId: z.number().int(),
        reason: z.string(),
        at: z.string(),
        by: z.string(),
      }),
    ),
    permissions: z.object({
      canEdit: z.boolean(),
      canClose: z.boolean(),
      canScore: z.boolean(),
      canDeclare: z.boolean(),
      canReopen: z.boolean(),
    }),
    /** The signed-in member's seat, when they sit on the council. */
    myMemberId: z.number().int().nullable(),
  })
  .openapi("Council");

export const CreateCouncilBody = z
  .strictObject({
    kind: z.enum(COUNCIL_KINDS),
    taskIds: z.array(z.number().int().positive()).min(1).max(50),
    title: z.string().trim().min(1).max(500).optional(),
    meetingOn: isoDate.optional(),
    location: z.string().trim().max(300).optional(),
  })
  .openapi("CreateCouncilBody");

export const UpdateCouncilBody = z
  .strictObject({
    version: z.number().int().positive(),
    title: z.string().trim().min(1).max(500).optional(),
    meetingOn: isoDate.nullable().optional(),
    location: z.string().trim().max(300).nullable().optional(),
    dossierSentOn: isoDate.nullable().optional(),
  })
  .openapi("UpdateCouncilBody");

export const AddMemberBody = z
  .strictObject({ personId: z.number().int().positive(), role: z.enum(COUNCIL_ROLES) })
  .openapi("AddMemberBody");

export const EstablishBody = z.strictObject({ document: DocumentInput }).openapi("EstablishCouncilBody");

export const ConflictBody = z
  .strictObject({ hasConflict: z.boolean(), note: z.string().trim().max(2000).optional() })
  .openapi("ConflictBody");

export const ReasonBody = z.strictObject({ reason: z.string().trim().min(1).max(2000) }).openapi("ReasonBody");

export const ReopenBody = z
  .strictObject({ reason: z.string().trim().min(1).max(2000), taskId: z.number().int().positive().optional() })
  .openapi("ReopenBody");

export const AttendanceBody = z
  .strictObject({
    present: z.array(z.number().int().positive()).max(50),
    actingChairMemberId: z.number().int().positive().optional(),
  })
  .openapi("AttendanceBody");

export const ApplicantBody = z
  .strictObject({
    taskId: z.number().int().positive(),
    name: z.string().trim().min(1).max(300),
    organisationId: z.number().int().positive().optional(),
    piName: z.string().trim().max(200).optional(),
  })
  .openapi("ApplicantBody");

/*
 * Grades arrive as plain strings and are checked by the service, so a grade outside the scale
 * answers GRADE_OUT_OF_SCALE with the field, not a generic validation failure.
 */
export const ScoreBody = z
  .strictObject({
    products: z
      .array(z.strictObject({ productId: z.number().int().positive(), quantity: z.string(), quality: z.string() }))
      .max(200)
      .optional(),
    report: z.string().optional(),
    comments: z.string().trim().max(10_000).optional(),
    reviewFileId: z.number().int().positive().nullable().optional(),
    /** Selection councils: the applicant scored and the points per criteria group. */
    applicantId: z.number().int().positive().optional(),
    points: z.record(z.string(), z.number()).optional(),
  })
  .openapi("ScoreBody");

export const SignOffBody = z
  .strictObject({ applicantId: z.number().int().positive().optional() })
  .optional()
  .openapi("SignOffBody");

const SheetView = z.object({
  products: z.array(z.object({ productId: z.number().int(), quantity: Grade, quality: Grade })),
  report: Grade.nullable(),
  comments: z.string().nullable(),
  reviewFileId: z.number().int().nullable(),
  points: z.record(z.string(), z.number()).nullable(),
});

export const Score = z
  .object({
    taskId: z.number().int(),
    applicantId: z.number().int().nullable(),
    sheet: SheetView,
    derived: z.object({ grade: Grade.nullable(), reasons: z.array(z.record(z.string(), z.unknown())) }).nullable(),
    status: ScoreStatus,
    version: z.number().int(),
    signedOffAt: z.string().nullable(),
  })
  .openapi("CouncilScore");

export const ScoreSheet = z
  .object({
    councilId: z.number().int(),
    memberId: z.number().int(),
    role: z.enum(COUNCIL_ROLES),
    canScore: z.boolean(),
    /** Why not, when canScore is false (CONFLICT_UNDECLARED, RECUSED, COUNCIL_NOT_ESTABLISHED, COUNCIL_CLOSED). */
    blockedBy: z.string().nullable(),
    reviewRequired: z.boolean(),
    criteria: z.array(
      z.object({ code: z.string(), name: z.string(), nameEn: z.string(), max: z.number(), key: z.boolean() }),
    ),
    tasks: z.array(
      z.object({
        taskId: z.number().int(),
        code: z.string(),
        title: z.string(),
        products: z.array(
          z.object({
            id: z.number().int(),
            name: z.string(),
            productClass: z.string(),
            quantity: z.string(),
            unit: z.string(),
          }),
        ),
        applicants: z.array(z.object({ id: z.number().int(), name: z.string() })),
        scores: z.array(Score),
      }),
    ),
  })
  .openapi("CouncilScoreSheet");

export const IdempotencyHeader = idempotencyKeyHeader(
  "A key unique to this sign-off: a retry with it returns the first answer",
);

export const DeadlineList = z
  .object({
    stage: z.enum(STAGES),
    today: z.string(),
    items: z.array(
      z.object({
        step: z.enum(["dossier", "council_establishment", "meeting", "revision", "registration"]),
        basis: z.string(),
        from: z.string().nullable(),
        days: z.number().int(),
        workingDays: z.boolean(),
        dueOn: z.string().nullable(),
        doneOn: z.string().nullable(),
        status: z.enum(["pending", "open", "done", "done_late", "overdue"]),
        daysLeft: z.number().int().nullable(),
      }),
    ),
  })
  .openapi("TaskDeadlines");

export type Council = z.infer<typeof Council>;
export type CouncilSummary = z.infer<typeof CouncilSummary>;
export type Outcome = z.infer<typeof Outcome>;
export type Score = z.infer<typeof Score>;
export type ScoreSheet = z.infer<typeof ScoreSheet>;
export type ScoreBody = z.infer<typeof ScoreBody>;
export type Expert = z.infer<typeof Expert>;
export type DeadlineList = z.infer<typeof DeadlineList>;
