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

export const COUNCIL_KINDS = [
  "identification",
  "selection",
  "budget_appraisal",
  "inspection",
  "expert_verification",
  "acceptance",
] as const;
export type CouncilKind = (typeof COUNCIL_KINDS)[number];

export const COUNCIL_ROLES = ["chair", "vice_chair", "reviewer", "scientific_secretary", "member"] as const;
export type CouncilRole = (typeof COUNCIL_ROLES)[number];

export const COUNCIL_STATUSES = ["forming", "established", "closed"] as const;
export type CouncilStatus = (typeof COUNCIL_STATUSES)[number];

/** A member's declaration of conflicts of interest: none yet, none to declare, or one declared (recused). */
export const CONFLICT_STATUSES = ["undeclared", "none", "declared"] as const;
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];

/** A council's result as stored: an acceptance grade, or a selection's winner or none. */
export const COUNCIL_RESULTS = ["excellent", "pass", "fail", "winner", "no_winner"] as const;
export type CouncilResult = (typeof COUNCIL_RESULTS)[number];

export const SCORE_STATUSES = ["draft", "signed_off"] as const;
export type ScoreStatus = (typeof SCORE_STATUSES)[number];

/** Why money is (or, for an honest failure under Law 93/2025, is not) recovered after a failure or termination. */
export const TASK_RECOVERY_CAUSES = [
  "honest_failure",
  "non_compliance",
  "misuse_of_funds",
  "unfinished_work",
  "other",
] as const;
export type TaskRecoveryCause = (typeof TASK_RECOVERY_CAUSES)[number];

/** Where a task's money comes from: the state S&T budget, or counterpart and other sources. */
export const BUDGET_SOURCES = ["state", "other"] as const;
export type BudgetSource = (typeof BUDGET_SOURCES)[number];

/** Money moving against the plan: annual allocation (dự toán giao), advance (tạm ứng), settlement (quyết toán), recovery (thu hồi). */
export const MOVEMENT_KINDS = ["allocation", "advance", "settlement", "recovery"] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export const RECOVERY_CAUSES = ["unspent", "unjustified", "failed_acceptance", "terminated", "other"] as const;
export type RecoveryCause = (typeof RECOVERY_CAUSES)[number];

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
  /** The end of the session: the inactivity timeout from its last use, capped by its absolute lifetime. */
  expires_at: Timestamp;
  created_at: CreatedAt;
  /** A random id to list and end the session by; it grants nothing. */
  public_id: string;
  /** Updated at most every few minutes, not on every request. */
  last_used_at: Timestamp;
  user_agent: string | null;
  ip_address: string | null;
}

/** Consecutive failed sign-ins per e-mail address (decision 013). */
export interface SignInLockoutTable {
  /** SHA-256 of the lower-cased e-mail, hex-encoded, whether or not an account has it. */
  account_key: string;
  failures: number;
  locked_until: Date | null;
  last_failure_at: Date;
}

/** A token bucket of failed sign-ins per client address (decision 013). */
export interface SignInAddressBucketTable {
  address: string;
  tokens: number;
  updated_at: Date;
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
  /** The results registration certificate (set when `register_results` is taken). */
  registration_number: ColumnType<string | null, string | null | undefined, string | null>;
  registered_on: ColumnType<string | null, string | null | undefined, string | null>;
  /** Set when `settle` is taken after a failure or termination: why money is recovered, and how much (đồng). */
  recovery_cause: ColumnType<TaskRecoveryCause | null, TaskRecoveryCause | null | undefined, TaskRecoveryCause | null>;
  recovery_amount: ColumnType<string | null, string | bigint | null | undefined, string | bigint | null>;
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

/** One line of a task's current approved budget plan, in whole đồng. */
export interface BudgetLineTable {
  id: Generated<number>;
  task_id: number;
  source: BudgetSource;
  year: number;
  /** An `expense_categories` code; null when the plan is not yet split by category. */
  category: string | null;
  amount: Money;
}

/** A saved plan, kept as history: revision 1, 2, … per task. */
export interface BudgetPlanRevisionTable {
  id: Generated<number>;
  task_id: number;
  revision: number;
  reason: string;
  adjustment_request_id: number | null;
  /** [{ source, year, category, amount }], amounts as decimal strings; write through `jsonb()`. */
  lines: ColumnType<unknown, RawBuilder<unknown>, never>;
  total: Money;
  state_total: Money;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface BudgetMovementTable {
  id: Generated<number>;
  task_id: number;
  kind: MovementKind;
  /** The budget year the money belongs to (may differ from the year of `occurred_on`). */
  year: number;
  source: BudgetSource;
  /** Always positive; the kind gives the direction. */
  amount: Money;
  occurred_on: LegalDate;
  document_id: number | null;
  note: string | null;
  recovery_cause: RecoveryCause | null;
  created_by: number | null;
  created_at: CreatedAt;
}

/** A person in the expert registry: name, title, organisation and contact stay on the person. */
export interface ExpertTable {
  id: Generated<number>;
  person_id: number;
  field: TaskField;
  specialty: string | null;
  active: Generated<boolean>;
  created_by: number | null;
  created_at: CreatedAt;
}

/** A council of any kind, attached to one or more tasks through council_task. */
export interface CouncilTable {
  id: Generated<number>;
  kind: CouncilKind;
  status: ColumnType<CouncilStatus, CouncilStatus | undefined, CouncilStatus>;
  title: string;
  unit_id: number;
  regime: Regime;
  meeting_on: ColumnType<string | null, string | null | undefined, string | null>;
  location: string | null;
  dossier_sent_on: ColumnType<string | null, string | null | undefined, string | null>;
  establishment_document_id: number | null;
  admin_secretary_user_id: number | null;
  acting_chair_member_id: number | null;
  attendance_recorded: Generated<boolean>;
  outcome_result: CouncilResult | null;
  /** The computed outcome with its explanation; write through `jsonb()` from db/src/jsonb.ts. */
  outcome: ColumnType<unknown, RawBuilder<unknown> | null | undefined, RawBuilder<unknown> | null>;
  minutes_file_id: number | null;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  closed_by: number | null;
  version: Generated<number>;
  created_by: number;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CouncilTaskTable {
  council_id: number;
  task_id: number;
}

/** An organisation applying for a task before a selection council. */
export interface CouncilApplicantTable {
  id: Generated<number>;
  council_id: number;
  task_id: number;
  organisation_id: number | null;
  name: string;
  pi_name: string | null;
  created_at: CreatedAt;
}

export interface CouncilMemberTable {
  id: Generated<number>;
  council_id: number;
  person_id: number;
  role: CouncilRole;
  conflict_status: ColumnType<ConflictStatus, ConflictStatus | undefined, ConflictStatus>;
  conflict_note: string | null;
  conflict_declared_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  recused: Generated<boolean>;
  recusal_reason: string | null;
  recused_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  recused_by: number | null;
  attended: boolean | null;
  created_at: CreatedAt;
}

/** One member's sheet for one task (and applicant): grades or points, with the derived grade. */
export interface CouncilScoreTable {
  id: Generated<number>;
  council_id: number;
  member_id: number;
  task_id: number;
  applicant_id: number | null;
  /** Write through `jsonb()` from db/src/jsonb.ts. */
  sheet: ColumnType<unknown, RawBuilder<unknown>, RawBuilder<unknown>>;
  derived_grade: AcceptanceOutcome | null;
  review_file_id: number | null;
  status: ColumnType<ScoreStatus, ScoreStatus | undefined, ScoreStatus>;
  version: Generated<number>;
  signed_off_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_at: Timestamp;
}

/** A signed sheet the secretary reopened, with the reason and what it said before. */
export interface CouncilScoreReopenTable {
  id: Generated<number>;
  score_id: number;
  member_id: number;
  reason: string;
  /** Write through `jsonb()` from db/src/jsonb.ts. */
  previous_sheet: ColumnType<unknown, RawBuilder<unknown>, never>;
  previous_version: number;
  actor_user_id: number;
  at: CreatedAt;
}

/** An import batch is a preview until committed whole. */
export const IMPORT_BATCH_STATUSES = ["preview", "committed"] as const;
export type ImportBatchStatus = (typeof IMPORT_BATCH_STATUSES)[number];

/** What a register row would do: create a task, match one as it is, differ from one, or cannot be read. */
export const IMPORT_ROW_STATUSES = ["new", "unchanged", "conflict", "error"] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];

/** A spreadsheet of a unit's existing tasks, read into rows for a preview, then committed in one transaction. */
export interface ImportBatchTable {
  id: Generated<number>;
  managing_unit_id: number;
  file_id: number;
  file_name: string;
  format: "xlsx" | "csv";
  /** The recognised columns in file order; write through `jsonb()`. */
  columns: ColumnType<unknown, RawBuilder<unknown>, never>;
  status: ColumnType<ImportBatchStatus, ImportBatchStatus | undefined, ImportBatchStatus>;
  row_count: number;
  /** What the commit did; write through `jsonb()`. */
  result: ColumnType<unknown, RawBuilder<unknown> | null | undefined, RawBuilder<unknown> | null>;
  created_by: number;
  created_at: CreatedAt;
  committed_by: ColumnType<number | null, number | null | undefined, number | null>;
  committed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** One data row of an import batch: its cells (after fixes) and what the last validation found. */
export interface ImportRowTable {
  batch_id: number;
  row_number: number;
  /** Write through `jsonb()`. */
  cells: ColumnType<unknown, RawBuilder<unknown>, RawBuilder<unknown>>;
  issues: ColumnType<unknown, RawBuilder<unknown> | undefined, RawBuilder<unknown>>;
  status: ImportRowStatus;
  outcome: ColumnType<unknown, RawBuilder<unknown> | undefined, RawBuilder<unknown>>;
  skipped: ColumnType<boolean, boolean | undefined, boolean>;
  fixed: ColumnType<boolean, boolean | undefined, boolean>;
  task_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface Database {
  unit: UnitTable;
  organisation: OrganisationTable;
  person: PersonTable;
  app_user: UserTable;
  user_role: UserRoleTable;
  session: SessionTable;
  sign_in_lockout: SignInLockoutTable;
  sign_in_address_bucket: SignInAddressBucketTable;
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
  expert: ExpertTable;
  council: CouncilTable;
  council_task: CouncilTaskTable;
  council_applicant: CouncilApplicantTable;
  council_member: CouncilMemberTable;
  council_score: CouncilScoreTable;
  council_score_reopen: CouncilScoreReopenTable;
  budget_line: BudgetLineTable;
  budget_plan_revision: BudgetPlanRevisionTable;
  budget_movement: BudgetMovementTable;
  import_batch: ImportBatchTable;
  import_row: ImportRowTable;
}

export type Task = Selectable<TaskTable>;
export type NewTask = Insertable<TaskTable>;
export type TaskUpdate = Updateable<TaskTable>;
export type User = Selectable<UserTable>;
export type Person = Selectable<PersonTable>;
export type Organisation = Selectable<OrganisationTable>;
export type Theme = Selectable<ThemeTable>;
export type Unit = Selectable<UnitTable>;
