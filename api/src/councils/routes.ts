import { createRoute, z } from "@hono/zod-openapi";
import { actorOf, requireActor } from "../auth/middleware.ts";
import { ApiError } from "../auth/schemas.ts";
import type { FileStore } from "../files/storage.ts";
import { attachmentDisposition } from "../http/content-disposition.ts";
import type { AppEnv } from "../http/context.ts";
import { createRouter } from "../http/validation.ts";
import { TaskIdParam } from "../tasks/schemas.ts";
import {
  AddMemberBody,
  ApplicantBody,
  AttendanceBody,
  Composition,
  CompositionQuery,
  ConflictBody,
  Council,
  CouncilIdParam,
  CouncilList,
  CouncilListQuery,
  CreateCouncilBody,
  CreateExpertBody,
  DeadlineList,
  EstablishBody,
  Expert,
  ExpertIdParam,
  ExpertList,
  ExpertQuery,
  IdempotencyHeader,
  MemberParams,
  MyCouncils,
  ReasonBody,
  ReopenBody,
  Score,
  ScoreBody,
  ScoreParams,
  ScoreSheet,
  UpdateCouncilBody,
  UpdateExpertBody,
} from "./schemas.ts";
import * as service from "./service.ts";

const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });
const body = <T>(schema: T) => ({ body: { ...json(schema), required: true } });
const common = { security: [{ session: [] }] };
const err = (description: string) => ({ description, ...json(ApiError) });
const unauthenticated = err("Not signed in");
const hidden = err("No such council (or task), or not visible");

const experts = { ...common, tags: ["Experts"] };
const councils = { ...common, tags: ["Councils"] };

const listExperts = createRoute({
  ...experts,
  middleware: [requireActor] as const,
  method: "get",
  path: "/experts",
  summary: "The expert registry: name, title, field, organisation, contact (50 a page)",
  request: { query: ExpertQuery },
  responses: {
    200: { description: "Experts", ...json(ExpertList) },
    401: unauthenticated,
    403: err("Not staff, head or administrator"),
  },
});

const createExpert = createRoute({
  ...experts,
  middleware: [requireActor] as const,
  method: "post",
  path: "/experts",
  summary: "Add an expert: a new person, or a known person with their field",
  request: body(CreateExpertBody),
  responses: {
    201: { description: "Added", ...json(Expert) },
    400: err("Invalid input"),
    401: unauthenticated,
    403: err("Not staff or administrator"),
    409: err("Already in the registry"),
  },
});

const updateExpert = createRoute({
  ...experts,
  middleware: [requireActor] as const,
  method: "patch",
  path: "/experts/{id}",
  summary: "Correct an expert's record (or take them off the registry with active: false)",
  request: { params: ExpertIdParam, ...body(UpdateExpertBody) },
  responses: {
    200: { description: "Updated", ...json(Expert) },
    400: err("Invalid input"),
    401: unauthenticated,
    403: err("Not staff or administrator"),
    404: err("No such expert"),
  },
});

const list = createRoute({
  ...councils,
  middleware: [requireActor] as const,
  method: "get",
  path: "/councils",
  summary: "Councils: staff and heads their unit's, administrators all, a member those they sit on",
  request: { query: CouncilListQuery },
  responses: {
    200: { description: "Councils, newest first", ...json(CouncilList) },
    401: unauthenticated,
    403: err("No council list for this role"),
  },
});

const mine = createRoute({
  ...councils,
  middleware: [requireActor] as const,
  method: "get",
  path: "/councils/mine",
  summary: "The councils the signed-in member sits on, with their seat and scoring progress",
  responses: { 200: { description: "Seats", ...json(MyCouncils) }, 401: unauthenticated },
});

const compositionRoute = createRoute({
  ...councils,
  middleware: [requireActor] as const,
  method: "get",
  path: "/councils/composition",
  summary: "The default size and seats of a kind of council for the task's regime (rule parameters)",
  request: { query: CompositionQuery },
  responses: {
    200: { description: "Composition", ...json(Composition) },
    400: err("Invalid query"),
    401: unauthenticated,
    404: hidden,
  },
});

const create = createRoute({
  ...councils,
  middleware: [requireActor] as const,
  method: "post",
  path: "/councils",
  summary:
    "Form a council for one or more tasks (the managing unit's staff; the creator is its administrative secretary)",
  request: body(CreateCouncilBody),
  responses: {
    201: { description: "Formed", ...json(Council) },
    400: err("Invalid input"),
    401: unauthenticated,
    403: err("Not the managing unit's staff"),
    404: hidden,
    409: err("A council of this kind already sits on the task (COUNCIL_EXISTS)"),
    422: err("A task is not at the stage this kind of council sits on"),
  },
});

const get = createRoute({
  ...councils,
  middleware: [requireActor] as const,
  method: "get",
  path: "/councils/{id}",
  summary: "A council: tasks, decision, readiness, members with conflict flags, quorum, outcome, minutes",
  description: "Members' grades (`members[].grades`) stay null for everyone until the council closes.",
  request: { params: CouncilIdParam },
  responses: { 200: { description: "The council", ...json(Council) }, 401: unauthenticated, 404: hidden },
});

const patch = createRoute({
  ...councils,
  middleware: [requireActor] as const,
  method: "patch",
  path: "/councils/{id}",
  summary: "Change the title, meeting date and place, or the day the dossier went to the members",
  request: { params: CouncilIdParam, ...body(UpdateCouncilBody) },
  responses: {
    200: { description: "Updated", ...json(Council) },
    400: err("Invalid input"),
    401: unauthenticated,
    403: err("Not the managing unit's staff"),
    404: hidden,
    409: err("Stale version (STALE_VERSION) or closed"),
  },
});

const addMember = createRoute({
  ...councils,
  middleware: [requireActor] as const,
  method: "post",
  path: "/councils/{id}/members",
  summary: "Seat an expert in a role, checked against the conflict rules and the composition",
  description:
    "Refused with 422 and the code of conflicts.ts: TEAM_MEMBER, HOST_ORG_KEY_ROLE, SECOND_HOST_MEMBER, ROLE_FULL, ALREADY_MEMBER, COUNCIL_FULL (`fields.personId` or `fields.role`, `details.flags`).",
  request: { params: CouncilIdParam, ...body(AddMemberBody) },
  responses: {
    200: { description: "Seated", ...json(Council) },
    400: err("Invalid input, or not in the expert registry"),
    401: unauthenticated,
    403: err("Not the managing unit's staff"),
    404: hidden,
    409: err("The council is no longer being formed"),
    422: err("Refused by the conflict or composition rules"),
  },
});

const removeMember = createRoute({
  ...councils,
  middleware: [requireActor] as const,
  method: "delete",
  path: "/councils/{id}/members/{memberId}",
  summary: "Unseat a member while the council is being formed",
  request: { params: MemberParams },
  responses: {
    200: { description: "Removed", ...json(Council) },
    401: unauthenticated,
    403: err("Not the managing unit's staff"),
    404: hidden,
    409: err("The council is no longer being formed"),
  },
});

const establish = createRoute({
  ...councils,
  middleware: [requireActor] as const,
  method: "post",
  path: "/councils/{id}/establish",
  summary: "Record the decision establishing the council (needs its full composition)",
  request: { params: CouncilIdParam, ...body(EstablishBody) },
  responses: {
    200: { description: "Established", ...json(Council) },
    400: err("Invalid document"),
    401: unauthenticated,
    403: err("Not the managing unit's staff"),
    404: hidden,
    409: err("Not being formed, or the document number is taken"),
    422: err("The composition is incomplete (COMPOSITION_INCOMPLETE)"),
  },
});

const conflict = createRoute({
  ...councils,
  middleware: [requireActor] as const,
  method: "post",
  path: "/councils/{id}/members/{memberId}/conflict",
  summary: "The member declares a conflict of interest, or none, before scoring; a declared one recuses them",
  request: { params: MemberParams, ...body(ConflictBody) },
  responses: {
    200: { description: "Recorded", ...json(Council) },
    400: err("Invalid input"),
    401: unauthenticated,
    403: err("Not the member in this seat (NOT_A_MEMBER)"),
    404: hidden,
    409: err("Already declared, or the council is closed"),
  },
});

const recusal = createRoute({
  ...councils,
  middleware: [requireActor] as const,
  method: "post",
  path: "/councils/{id}/members/{memberId}/recusal",
  summary: "Recuse a member, with the reason; their grades stop counting",
  request: { params: MemberParams, ...body(ReasonBody) },
  responses: {
    200: { description: "Recused", ...json(Council) },
    400: err("Invalid input"),
    401: unauthenticated,
    403: err("Not the managing unit's staff"),
    404: hidden,
    409: err("Already recused, or the council is closed"),
  },
});

const attendance = createRoute({
  ...councils,
  middleware: [requireActor] as const,
  method: "put",
  path: "/councils/{id}/attendance",
  summary: "Who is present (the quorum follows), and the vice-chair chairing for an absent chair",
  request: { params: CouncilIdParam, ...body(AttendanceBody) },
  responses: {
    200: { description: "Recorded", ...json(Council) },
    400: err("Invalid input"),
    401: unauthenticated,
    403: err("Not the managing unit's staff"),
    404: hidden,
    409: err("Not established, or closed"),
  },
});

const applicant = createRoute({
  ...councils,
  middleware: [requireActor] as const,
  method: "post",
  path: "/councils/{id}/applicants",
  summary: "Add an applicant (host organisation) a selection council scores",
  request: { params: CouncilIdParam, ...body(ApplicantBody) },
  responses: {
    200: { description: "Added", ...json(Council) },
    400: err("Invalid input"),
    401: unauthenticated,
    403: err("Not the managing unit's staff"),
    404: hidden,
    409: err("The council is closed"),
  },
});

const sheet = createRoute({
  ...councils,
  middleware: [requireActor] as const,
  method: "get",
  path: "/councils/{id}/score-sheet",
  summary: "The signed-in member's own sheets, per task (never the other members')",
  request: { params: CouncilIdParam },
  responses: {
    200: { description: "The member's sheets", ...json(ScoreSheet) },
    401: unauthenticated,
    403: err("Not a member of this council (NOT_A_MEMBER)"),
    404: hidden,
  },
});

const score = createRoute({
  ...councils,
  middleware: [requireActor] as const,
  method: "put",
  path: "/councils/{id}/scores/{taskId}",
  summary: "Save the member's own draft sheet for a task; answers the derived overall grade",
  description:
    "Acceptance: `{ products: [{ productId, quantity, quality }], report, comments?, reviewFileId? }` with grades excellent | pass | fail (every contracted product once); a points scheme takes `points: { total }`. Selection: `{ applicantId, points: { <criteria group>: n } }`. Refused: GRADE_OUT_OF_SCALE (400), NOT_A_MEMBER (403), RECUSED (403), CONFLICT_UNDECLARED (409), ALREADY_SIGNED_OFF (409), COUNCIL_CLOSED (409), COUNCIL_NOT_ESTABLISHED (409).",
  request: { params: ScoreParams, ...body(ScoreBody) },
  responses: {
    200: { description: "Saved", ...json(Score) },
    400: err("Invalid sheet or a grade outside the scale"),
    401: unauthenticated,
    403: err("Not a member, or recused"),
    404: hidden,
    409: err("Signed already, conflicts undeclared, or the council not open for scoring"),
  },
});

const signOffRoute = createRoute({
  ...councils,
  middleware: [requireActor] as const,
  method: "post",
  path: "/councils/{id}/scores/{taskId}/sign-off",
  summary: "Sign the member's sheet for a task: final unless the secretary reopens it",
  description:
    "With an `Idempotency-Key` a retry gets the first answer (header `Idempotent-Replayed: true`); without, a second sign-off answers 409 ALREADY_SIGNED_OFF. A reviewer must have attached the written review (422 REVIEW_MISSING).",
  request: { params: ScoreParams, headers: IdempotencyHeader },
  responses: {
    200: { description: "Signed sheets", ...json(z.array(Score)) },
    400: err("Nothing saved yet"),
    401: unauthenticated,
    403: err("Not a member, or recused"),
    404: hidden,
    409: err("Already signed, or the council is not open for scoring"),
    422: err("The reviewer's written review is missing, or the key was used for another request"),
  },
});

const reopen = createRoute({
  ...councils,
  middleware: [requireActor] as const,
  method: "post",
  path: "/councils/{id}/members/{memberId}/reopen",
  summary: "Reopen a member's signed sheet(s), with the reason (recorded with the previous sheet)",
  request: { params: MemberParams, ...body(ReopenBody) },
  responses: {
    200: { description: "Reopened", ...json(Council) },
    400: err("Invalid input"),
    401: unauthenticated,
    403: err("Not the managing unit's staff"),
    404: hidden,
    409: err("Nothing signed, or the council is not open"),
  },
});

const close = createRoute({
  ...councils,
  middleware: [requireActor] as const,
  method: "post",
  path: "/councils/{id}/close",
  summary: "Close the council: outcome with its explanation, the minutes PDF, and the task moved on",
  description:
    "Refused 409 NO_QUORUM (`details.quorum`) or MISSING_GRADES (`details.members`). An acceptance council moves its task: excellent or pass → recognition, fail → failed, citing the minutes.",
  request: { params: CouncilIdParam },
  responses: {
    200: { description: "Closed", ...json(Council) },
    401: unauthenticated,
    403: err("Not the managing unit's staff"),
    404: hidden,
    409: err("No quorum, grades missing, not established, or the task moved"),
  },
});

const minutes = createRoute({
  ...councils,
  middleware: [requireActor] as const,
  method: "get",
  path: "/councils/{id}/minutes",
  summary: "The minutes PDF of a closed council",
  request: { params: CouncilIdParam },
  responses: {
    200: { description: "The minutes", content: { "application/pdf": { schema: z.any() } } },
    401: unauthenticated,
    404: err("No such council, not visible, or not closed"),
  },
});

const taskCouncils = createRoute({
  ...councils,
  middleware: [requireActor] as const,
  method: "get",
  path: "/tasks/{id}/councils",
  summary: "The task's councils with their outcomes",
  request: { params: TaskIdParam },
  responses: {
    200: { description: "Councils", ...json(CouncilList) },
    401: unauthenticated,
    404: err("No such task, or not visible"),
  },
});

const deadlines = createRoute({
  ...common,
  middleware: [requireActor] as const,
  tags: ["Lifecycle"],
  method: "get",
  path: "/tasks/{id}/deadlines",
  summary: "Deadlines of the steps from the dossier to registration, computed from the rule parameters",
  request: { params: TaskIdParam },
  responses: {
    200: { description: "Deadlines", ...json(DeadlineList) },
    401: unauthenticated,
    404: err("No such task, or not visible"),
  },
});

export function councilRoutes(store: FileStore) {
  return createRouter<AppEnv>()
    .openapi(listExperts, async (c) =>
      c.json(await service.listExperts(c.var.db, actorOf(c), c.req.valid("query")), 200),
    )
    .openapi(createExpert, async (c) =>
      c.json(await service.createExpert(c.var.db, actorOf(c), c.req.valid("json")), 201),
    )
    .openapi(updateExpert, async (c) =>
      c.json(await service.updateExpert(c.var.db, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 200),
    )
    .openapi(list, async (c) => c.json(await service.listCouncils(c.var.db, actorOf(c), c.req.valid("query")), 200))
    .openapi(mine, async (c) => c.json(await service.myCouncils(c.var.db, actorOf(c)), 200))
    .openapi(compositionRoute, async (c) => {
      const q = c.req.valid("query");
      return c.json(await service.composition(c.var.db, actorOf(c), q.kind, q.taskId), 200);
    })
    .openapi(create, async (c) => c.json(await service.createCouncil(c.var.db, actorOf(c), c.req.valid("json")), 201))
    .openapi(get, async (c) => c.json(await service.getCouncil(c.var.db, actorOf(c), c.req.valid("param").id), 200))
    .openapi(patch, async (c) =>
      c.json(await service.updateCouncil(c.var.db, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 200),
    )
    .openapi(addMember, async (c) =>
      c.json(await service.addMember(c.var.db, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 200),
    )
    .openapi(removeMember, async (c) => {
      const p = c.req.valid("param");
      return c.json(await service.removeMember(c.var.db, actorOf(c), p.id, p.memberId), 200);
    })
    .openapi(establish, async (c) =>
      c.json(await service.establish(c.var.db, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 200),
    )
    .openapi(conflict, async (c) => {
      const p = c.req.valid("param");
      return c.json(await service.declareConflict(c.var.db, actorOf(c), p.id, p.memberId, c.req.valid("json")), 200);
    })
    .openapi(recusal, async (c) => {
      const p = c.req.valid("param");
      return c.json(await service.recuse(c.var.db, actorOf(c), p.id, p.memberId, c.req.valid("json").reason), 200);
    })
    .openapi(attendance, async (c) =>
      c.json(await service.setAttendance(c.var.db, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 200),
    )
    .openapi(applicant, async (c) =>
      c.json(await service.addApplicant(c.var.db, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 200),
    )
    .openapi(sheet, async (c) => c.json(await service.scoreSheet(c.var.db, actorOf(c), c.req.valid("param").id), 200))
    .openapi(score, async (c) => {
      const p = c.req.valid("param");
      return c.json(await service.saveScore(c.var.db, actorOf(c), p.id, p.taskId, c.req.valid("json")), 200);
    })
    .openapi(signOffRoute, async (c) => {
      const p = c.req.valid("param");
      const result = await service.signOff(
        c.var.db,
        actorOf(c),
        p.id,
        p.taskId,
        c.req.valid("header")["idempotency-key"],
      );
      if (result.replayed) c.header("Idempotent-Replayed", "true");
      return c.json(result.body, 200);
    })
    .openapi(reopen, async (c) => {
      const p = c.req.valid("param");
      return c.json(await service.reopen(c.var.db, actorOf(c), p.id, p.memberId, c.req.valid("json")), 200);
    })
    .openapi(close, async (c) =>
      c.json(await service.closeCouncil(c.var.db, store, actorOf(c), c.req.valid("param").id), 200),
    )
    .openapi(minutes, async (c) => {
      const { file, content } = await service.minutesFile(c.var.db, store, actorOf(c), c.req.valid("param").id);
      return c.body(new Uint8Array(content), 200, {
        "Content-Type": "application/pdf",
        "Content-Disposition": attachmentDisposition(file.original_name),
        "X-Content-Type-Options": "nosniff",
      }) as never;
    })
    .openapi(taskCouncils, async (c) =>
      c.json(await service.taskCouncils(c.var.db, actorOf(c), c.req.valid("param").id), 200),
    )
    .openapi(deadlines, async (c) =>
      c.json(await service.taskDeadlines(c.var.db, actorOf(c), c.req.valid("param").id), 200),
    );
}
