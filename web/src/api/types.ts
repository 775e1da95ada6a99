import type { SessionUser } from "@khcn/api/auth/schemas";
import type { Action } from "@khcn/api/lifecycle/rules";
import type { AvailableAction } from "@khcn/api/lifecycle/schemas";
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
export type { RecordField } from "@khcn/api/tasks/edit-rules";
export type SelectionMethod = NonNullable<TaskDetail["selectionMethod"]>;
export type ProductClass = TaskDetail["products"][number]["productClass"];
export type Role = SessionUser["roles"][number];
export type SortKey = TaskListQuery["sort"];
export type SortOrder = TaskListQuery["order"];

export type ActionName = Action;
export type Requirement = AvailableAction["requires"][number];
export type Outcome = NonNullable<AvailableAction["outcomes"]>[number];

/** The answer of POST /api/files (the route declares it inline, so it is restated here). */
export interface StoredFile {
  id: number;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

export type { PersonItem, UnitItem } from "@khcn/api/catalog/schemas";
