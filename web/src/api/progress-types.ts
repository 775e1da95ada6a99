import type { Adjustment, AdjustmentList } from "@khcn/api/adjustments/schemas";
import type { Inspection } from "@khcn/api/inspections/schemas";
import type { TaskDetail } from "@khcn/api/tasks/schemas";

export type { AdjustmentList };

/* Vocabulary of the running contract, read off the API's response types (never from db). */
export type AdjustmentKind = Adjustment["kind"];
export type AdjustmentStatus = Adjustment["status"];
export type InspectionKind = Inspection["kind"];
export type InspectionConclusion = Inspection["conclusion"];
export type InspectionRole = Inspection["team"][number]["role"];
export type LockCode = TaskDetail["edit"]["lockCodes"][string];
