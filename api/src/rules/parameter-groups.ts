import type { ParameterKey } from "./parameters.ts";

/*
 * How the administration screen groups the rule parameters. A parameter added without a group
 * lands in "other" rather than breaking the screen; parameter-groups.test.ts asks that none does.
 */

export const PARAMETER_GROUPS = ["reports", "deadlines", "councils", "budget", "calendar", "imports", "other"] as const;
export type ParameterGroup = (typeof PARAMETER_GROUPS)[number];

const GROUP_OF: Partial<Record<ParameterKey, ParameterGroup>> = {
  report_due_days: "reports",
  report_period_months: "reports",
  report_opens_days_before_period_end: "reports",
  report_overdue_grace_days: "reports",
  report_first_period_min_days: "reports",
  acceptance_dossier_days: "deadlines",
  adjustment_decision_days: "deadlines",
  council_establish_working_days: "deadlines",
  council_meeting_within_days: "deadlines",
  acceptance_revision_days: "deadlines",
  result_registration_days: "deadlines",
  dossier_before_meeting_working_days: "deadlines",
  council_composition: "councils",
  council_quorum: "councils",
  acceptance_thresholds: "councils",
  grading_scheme: "councils",
  selection_pass_average: "councils",
  selection_criteria: "councils",
  selection_key_zero_fraction: "councils",
  council_regulation: "councils",
  expense_categories: "budget",
  budget_spend_ahead_margin: "budget",
  budget_lapse_warning_after_days: "budget",
  extra_holidays: "calendar",
  makeup_working_days: "calendar",
  tet_holiday: "calendar",
  national_day_adjacent: "calendar",
  holiday_compensation: "calendar",
  import_max_rows: "imports",
  import_max_file_bytes: "imports",
};

export const groupOf = (key: string): ParameterGroup => GROUP_OF[key as ParameterKey] ?? "other";
