import type { SessionUser } from "@khcn/api/auth/schemas";
import type { TaskDetail, TaskListQuery, TaskSummary } from "@khcn/api/tasks/schemas";

/*
 * The web depends on the API contract only (conventions: never on db), so the vocabulary
 * unions are read off the API's response types rather than imported from @khcn/db.
 */
export type Stage = TaskSummary["stage"];
export type TaskKind = TaskSummary["kind"];
export type TaskField = TaskSummary["field"];
export type Regime = TaskSummary["regime"];
export type FundingMode = TaskDetail["fundingMode"];
export type TeamRole = TaskDetail["team"][number]["role"];
export type Role = SessionUser["roles"][number];
export type SortKey = TaskListQuery["sort"];
export type SortOrder = TaskListQuery["order"];
