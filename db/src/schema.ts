import type { ColumnType, Generated, Insertable, RawBuilder, Selectable, Updateable } from "kysely";

/*
 * The vocabulary below is the single source for the CHECK constraints in the migrations
 * (which repeat it literally, because migrations are frozen and never import app code).
 */
export const ROLES = ["admin", "staff", "head", "pi", "council"] as const;
export type Role = (typeof ROLES)[number];

export const TASK_KINDS = ["de_tai", "du_an_sxtn", "de_an", "nhiem_vu_dmst"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** Fields of science as Vietnamese S&T statistics classify them. */
export const TASK_FIELDS = ["natural", "engineering", "medical", "agricultural", "social", "humanities"] as const;
export type TaskField = (typeof TASK_FIELDS)[number];

/** law_2013: S&T Law 2013 and its circulars; law_93_2025: Law on STI No. 93/2025/QH15. */
export const REGIMES = ["law_2013", "law_93_2025"] as const;
export type Regime = (typeof REGIMES)[number];

export const FUNDING_MODES = ["full_lump_sum", "partial_lump_sum"] as const;
export type FundingMode = (typeof FUNDING_MODES)[number];

export const STAGES = [
  "proposed",
  "identified",
  "selection",
  "budget_appraisal",
  "approved",
  "in_progress",
  "acceptance",
  "recognition",
  "registration",
  "settlement",
  "closed",
  "rejected",
  "terminated",
  "failed",
] as const;
export type Stage = (typeof STAGES)[number];

export const UNIT_KINDS = ["department", "former_province"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const ORGANISATION_KINDS = [
  "institute",
  "university",
  "enterprise",
  "agency",
  "hospital",
  "school",
  "cooperative",
  "association",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const SELECTION_METHODS = ["open_call", "direct_assignment"] as const;
export type SelectionMethod = (typeof SELECTION_METHODS)[number];

export const ACCEPTANCE_OUTCOMES = ["excellent", "pass", "fail"] as const;
export type AcceptanceOutcome = (typeof ACCEPTANCE_OUTCOMES)[number];

export const PRODUCT_CLASSES = ["I", "II", "III"] as const;
export type ProductClass = (typeof PRODUCT_CLASSES)[number];

export const TEAM_ROLES = ["pi", "secretary", "key_member", "member"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const INSPECTION_KINDS = ["inspection", "mid_term"] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

/** How an inspection's minutes end: go on, go on with adjustments, or propose termination. */
export const INSPECTION_CONCLUSIONS = ["continue", "continue_with_adjustments", "propose_termination"] as const;
export type InspectionConclusion = (typeof INSPECTION_CONCLUSIONS)[number];

export const ADJUSTMENT_KINDS = [
  "duration",
  "budget",
  "content",
  "products",
  "pi",
  "host_organisation",
  "other",
] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];

export const ADJUSTMENT_STATUSES = ["submitted", "approved", "rejected", "withdrawn"] as const;
export type AdjustmentStatus = (typeof ADJUSTMENT_STATUSES)[number];

/** A reporting period as stored; "due" and "overdue" are derived from its due date, never stored. */
export const REPORT_STATUSES = ["upcoming", "draft", "submitted", "returned", "accepted"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_DECISIONS = ["accepted", "returned"] as const;
export type ReportDecision = (typeof REPORT_DECISIONS)[number];

/** int8 columns arrive as strings (both drivers are set up so): money never passes through a float. */
type Money = ColumnType<string, string | bigint, string | bigint>;
/** Legal dates (decision date, due date) travel as ISO `yyyy-mm-dd` strings. */
type LegalDate = ColumnType<string, string, string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface UnitTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: UnitKind;
  parent_id: number | null;
  created_at: CreatedAt;
}

export interface OrganisationTable {
  id: Generated<number>;
  name: string;
  short_name: string | null;
  kind: OrganisationKind;
  address: string | null;
  former_province_id: number | null;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  created_at: CreatedAt;
}

/** Scientists and other named people: PIs, team members, later the expert registry. */
export interface PersonTable {
  id: Generated<number>;
  full_name: string;
  /** Academic rank and degree as written before the name, e.g. "PGS.TS.", "ThS.". */
  title: string | null;
  position: string | null;
  organisation_id: number | null;
  email: string | null;
  phone: string | null;
  user_id: number | null;
  created_at: CreatedAt;
}

export interface UserTable {
  id: Generated<number>;
  email: string;
  password_hash: string;
  full_name: string;
  unit_id: number | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface UserRoleTable {
  user_id: number;
  role: Role;
}

export interface SessionTable {
  /** SHA-256 of the session token, hex-encoded: the token itself is never stored. */
  id: string;
  user_id: number;
  expires_at: Timestamp;
  created_at: CreatedAt;
}

export interface ThemeTable {
  id: Generated<number>;
  code: string;
  name_vi: string;
  name_en: string;
  parent_id: number | null;
  /** The Resolution 57-NQ/TW action-plan target this theme serves, where one applies. */
  r57_target: string | null;
  sort_order: Generated<number>;
  archived: Generated<boolean>;
}

export interface TaskTable {
  id: Generated<number>;
  code: string;
  title: string;
  kind: TaskKind;
  field: TaskField;
  regime: Regime;
  managing_unit_id: number;
  former_province_id: number | null;
  host_organisation_id: number | null;
  pi_person_id: number | null;
  start_date: LegalDate | null;
  end_date: LegalDate | null;
  funding_mode: FundingMode;
  /** Approved total in whole đồng. */
  total_budget: Money;
  /** The part of the total paid from the state S&T budget, in whole đồng. */
  state_budget: Money;
  stage: Stage;
  objectives: string | null;
  ordering_agency: ColumnType<string | null, string | null | undefined, string | null>;
  selection_method: ColumnType<SelectionMethod | null, SelectionMethod | null | undefined, SelectionMethod | null>;
  created_by: ColumnType<number | null, number | null | undefined, number | null>;
  /** The acceptance council's outcome, recorded when the task leaves acceptance. */
  acceptance_outcome: ColumnType<
    AcceptanceOutcome | null,
    AcceptanceOutcome | null | undefined,
    AcceptanceOutcome | null
  >;
  /** Lower-case code and title without Vietnamese diacritics, for accent-insensitive search. */
  search_text: string;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface TaskThemeTable {
  task_id: number;
  theme_id: number;
}

export interface TaskMemberTable {
  task_id: number;
  person_id: number;
  role: TeamRole;
  sort_order: Generated<number>;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: CreatedAt;
  actor_user_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  task_id: number | null;
  /** Write through `jsonb()` from db/src/jsonb.ts. */
  data: ColumnType<unknown, RawBuilder<unknown>, never>;
}

export interface StoredFileTable {
  id: Generated<number>;
  sha256: string;
  original_name: string;
  content_type: string;
  size_bytes: ColumnType<string, string | bigint | number, never>;
  /** Name of the file in FILES_DIR: never derived from user input. */
  storage_key: string;
  uploaded_by: number | null;
  created_at: CreatedAt;
}

/** An official document numbered `number/TYPE-ISSUER`, e.g. `135/QĐ-SKHCN`. */
export interface DocumentTable {
  id: Generated<number>;
  number: string;
  doc_type: string;
  issuer: string;
  issued_on: LegalDate;
  issued_year: number;
  year_in_number: Generated<boolean>;
  signer: string;
  summary: string | null;
  file_id: number | null;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface TaskTransitionTable {
  id: Generated<number>;
  task_id: number;
  action: string;
  from_stage: Stage;
  to_stage: Stage;
  document_id: number | null;
  outcome: AcceptanceOutcome | null;
  comment: string | null;
  actor_user_id: number;
  at: CreatedAt;
}

export interface TaskContentItemTable {
  id: Generated<number>;
  task_id: number;
  sort_order: Generated<number>;
  title: string;
  description: string | null;
  /** The milestone's planned period (legal dates), set with the contract. */
  planned_start: ColumnType<string | null, string | null | undefined, string | null>;
  planned_end: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface TaskProductTable {
  id: Generated<number>;
  task_id: number;
  sort_order: Generated<number>;
  product_class: ProductClass;
  name: string;
  specification: string | null;
  /** numeric(14,2) as a decimal string: quantities like 2.5 tấn must stay exact. */
  quantity: ColumnType<string, string, string>;
  unit: string;
  /** When the contract says the product is due. */
  due_on: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface TaskApplicationSiteTable {
  id: Generated<number>;
  task_id: number;
  sort_order: Generated<number>;
  name: string;
  location: string | null;
  scale: string | null;
}

export interface AppSettingTable {
  key: string;
  /** '*' for every regime, or the regime the value applies to. */
  regime: Generated<"*" | Regime>;
  /** Write through `jsonb()` from db/src/jsonb.ts. */
  value: ColumnType<unknown, RawBuilder<unknown>, RawBuilder<unknown>>;
  updated_by: number | null;
  updated_at: Timestamp;
}

/** An inspection or mid-term review of a running task, recorded with its minutes. */
export interface InspectionTable {
  id: Generated<number>;
  task_id: number;
  kind: InspectionKind;
  inspected_on: LegalDate;
  /** [{ name, role, organisation }]; write through `jsonb()` from db/src/jsonb.ts. */
  team: ColumnType<unknown, RawBuilder<unknown>, RawBuilder<unknown>>;
  findings: string;
  conclusion: InspectionConclusion;
  recommendations: string | null;
  minutes_document_id: number;
  created_by: number;
  created_at: CreatedAt;
}

/** A request to change the approved terms of a running task, and the decision on it. */
export interface AdjustmentRequestTable {
  id: Generated<number>;
  task_id: number;
  kind: AdjustmentKind;
  status: ColumnType<AdjustmentStatus, AdjustmentStatus | undefined, AdjustmentStatus>;
  requested_by: number;
  requested_at: CreatedAt;
  /** The decision is due by this legal date. */
  due_by: LegalDate;
  reason: string;
  exceptional: Generated<boolean>;
  /** The terms before and after; write through `jsonb()` from db/src/jsonb.ts. */
  before: ColumnType<unknown, RawBuilder<unknown>, RawBuilder<unknown>>;
  after: ColumnType<unknown, RawBuilder<unknown>, RawBuilder<unknown>>;
  /** Duration requests only: months (rounded up) the end date moves. */
  extension_months: number | null;
  decision_document_id: ColumnType<number | null, number | null | undefined, number | null>;
  decided_by: ColumnType<number | null, number | null | undefined, number | null>;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  decision_comment: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A rule parameter's value for one unit (or all, null) and one regime (or all, '*'); code holds the defaults. */
export interface RuleParameterTable {
  id: Generated<number>;
  unit_id: number | null;
  regime: Generated<"*" | Regime>;
  key: string;
  /** Write through `jsonb()` from db/src/jsonb.ts. */
  value: ColumnType<unknown, RawBuilder<unknown>, RawBuilder<unknown>>;
  updated_by: number | null;
  updated_at: Timestamp;
}

/** One periodic progress report a running task owes: the period it covers and when it is due. */
export interface ReportPeriodTable {
  id: Generated<number>;
  task_id: number;
  seq: number;
  period_start: LegalDate;
  period_end: LegalDate;
  due_on: LegalDate;
  status: ColumnType<ReportStatus, ReportStatus | undefined, ReportStatus>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** The PI's saved work on a period's report: one per period, guarded by its revision. */
export interface ReportDraftTable {
  period_id: number;
  /** Write through `jsonb()` from db/src/jsonb.ts. */
  content: ColumnType<unknown, RawBuilder<unknown>, RawBuilder<unknown>>;
  revision: number;
  saved_at: Timestamp;
  saved_by: number;
}

/** A submitted report, frozen with the context it was written against and the host's confirmation. */
export interface ReportVersionTable {
  id: Generated<number>;
  period_id: number;
  version_no: number;
  /** Write through `jsonb()` from db/src/jsonb.ts. */
  content: ColumnType<unknown, RawBuilder<unknown>, never>;
  draft_revision: number;
  submitted_at: CreatedAt;
  submitted_by: number;
  host_confirmed_by: string;
  host_confirmer_position: string | null;
  host_confirmed_on: LegalDate;
  host_file_id: number | null;
}

export interface ReportReviewTable {
  id: Generated<number>;
  version_id: number;
  decision: ReportDecision;
  /** { section: comment }; write through `jsonb()` from db/src/jsonb.ts. */
  comments: ColumnType<unknown, RawBuilder<unknown>, never>;
  reviewer_id: number;
  reviewed_at: CreatedAt;
}

/** Something a user is told: kinds are `area.event`, e.g. `report.returned`. */
export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  task_id: number | null;
  /** Write through `jsonb()` from db/src/jsonb.ts. */
  payload: ColumnType<unknown, RawBuilder<unknown>, never>;
  created_at: CreatedAt;
  read_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** The first answer to a request sent with an Idempotency-Key, replayed to its retries. */
export interface IdempotencyKeyTable {
  user_id: number;
  key: string;
  /** SHA-256 (hex) of the method, path and body. */
  request_hash: string;
  response_status: number;
  /** Write through `jsonb()` from db/src/jsonb.ts. */
  response_body: ColumnType<unknown, RawBuilder<unknown>, never>;
  created_at: CreatedAt;
}

export interface Database {
  unit: UnitTable;
  organisation: OrganisationTable;
  person: PersonTable;
  app_user: UserTable;
  user_role: UserRoleTable;
  session: SessionTable;
  theme: ThemeTable;
  task: TaskTable;
  task_theme: TaskThemeTable;
  task_member: TaskMemberTable;
  audit_log: AuditLogTable;
  stored_file: StoredFileTable;
  document: DocumentTable;
  task_transition: TaskTransitionTable;
  task_content_item: TaskContentItemTable;
  task_product: TaskProductTable;
  task_application_site: TaskApplicationSiteTable;
  app_setting: AppSettingTable;
  inspection: InspectionTable;
  adjustment_request: AdjustmentRequestTable;
  rule_parameter: RuleParameterTable;
  report_period: ReportPeriodTable;
  report_draft: ReportDraftTable;
  report_version: ReportVersionTable;
  report_review: ReportReviewTable;
  notification: NotificationTable;
  idempotency_key: IdempotencyKeyTable;
}

export type Task = Selectable<TaskTable>;
export type NewTask = Insertable<TaskTable>;
export type TaskUpdate = Updateable<TaskTable>;
export type User = Selectable<UserTable>;
export type Person = Selectable<PersonTable>;
export type Organisation = Selectable<OrganisationTable>;
export type Theme = Selectable<ThemeTable>;
export type Unit = Selectable<UnitTable>;
