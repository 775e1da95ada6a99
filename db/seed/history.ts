import type { Insertable, Kysely } from "kysely";
import { jsonb } from "../src/jsonb.ts";
import type {
  AcceptanceOutcome,
  AuditLogTable,
  Database,
  FundingMode,
  OrganisationKind,
  Regime,
  SelectionMethod,
  Stage,
  TaskKind,
} from "../src/schema.ts";
import {
  AUTHORITIES,
  type Authority,
  HERD_LOSS_TERMINATION,
  PANDEMIC_TERMINATION,
  PROPOSAL_REJECTIONS,
  SELECTION_REJECTIONS,
  TERMINATION_REASONS,
} from "./content/history.ts";
import type { OrganisationSeed, ProvinceKey } from "./content/organisations.ts";
import { chance, pick, type Rng, randInt } from "./random.ts";

/*
 * The path each demo task took to its stage: the official documents of every step and the
 * transitions between stages, as staff would have recorded them. Dates are whole days counted
 * from 1970-01-01, free of the host clock and time zone; documents fall on working days.
 */

/**
 * The part of the stage machine (api/src/lifecycle/rules.ts, ACTIONS) the demo histories walk.
 * db/ does not import api/, so the names are repeated here: keep the two in step.
 */
export const SEED_ACTIONS = {
  identify: { from: ["proposed"], to: "identified" },
  reject_proposal: { from: ["proposed"], to: "rejected" },
  open_selection: { from: ["identified"], to: "selection" },
  select_host: { from: ["selection"], to: "budget_appraisal" },
  reject_at_selection: { from: ["selection"], to: "rejected" },
  approve: { from: ["budget_appraisal"], to: "approved" },
  sign_contract: { from: ["approved"], to: "in_progress" },
  terminate: { from: ["in_progress"], to: "terminated" },
  receive_acceptance_dossier: { from: ["in_progress"], to: "acceptance" },
  record_acceptance_pass: { from: ["acceptance"], to: "recognition" },
  record_acceptance_fail: { from: ["acceptance"], to: "failed" },
  recognise_results: { from: ["recognition"], to: "registration" },
  register_results: { from: ["registration"], to: "settlement" },
  settle: { from: ["terminated", "failed"], to: "settlement" },
  liquidate: { from: ["settlement"], to: "closed" },
} as const satisfies Record<string, { from: readonly Stage[]; to: Stage }>;
export type SeedAction = keyof typeof SEED_ACTIONS;

/** How a task that ended up settled or closed got there. */
export type Detour = "terminated" | "failed";

// ---------------------------------------------------------------------------------------------
// Calendar

/** Days since 1970-01-01 of a date of the proleptic Gregorian calendar (Hinnant's algorithm). */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

export function civilDate(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

export function isoDate(days: number): string {
  const [y, m, d] = civilDate(days);
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

export function parseIsoDate(text: string): number {
  const [y, m, d] = text.split("-").map(Number) as [number, number, number];
  return dayNumber(y, m, d);
}

/** Documents are signed at the office: 09:00 in Vietnam (UTC+7). */
export function officeHours(days: number): string {
  return `${isoDate(days)}T09:00:00+07:00`;
}

const weekend = (days: number) => {
  const weekday = (((days + 4) % 7) + 7) % 7; // 0 = Sunday; 1970-01-01 was a Thursday
  return weekday === 0 || weekday === 6;
};
function workdayOnOrAfter(days: number): number {
  let day = days;
  while (weekend(day)) day += 1;
  return day;
}

function workdayOnOrBefore(days: number): number {
  let day = days;
  while (weekend(day)) day -= 1;
  return day;
}

/** From the merger on, the new province's Department keeps its records in this system. */
export const MERGER_DAY = dayNumber(2025, 7, 1);
const LAW_93_DAY = dayNumber(2025, 10, 1);

// ---------------------------------------------------------------------------------------------
// Plans

export interface Chair {
  personId: number;
  name: string;
  title: string;
  org: string;
  /** Root themes the chair's organisation works on. */
  themes: ReadonlySet<string>;
}

export interface HistoryTask {
  code: string;
  title: string;
  kind: TaskKind;
  /** The year in the task's code. */
  year: number;
  stage: Stage;
  detour: Detour | null;
  regime: Regime;
  fundingMode: FundingMode;
  startDate: string | null;
  endDate: string | null;
  totalBudget: string;
  stateBudget: string;
  host: OrganisationSeed;
  /** "TS. Phạm Văn Hùng". */
  piName: string;
  teamPersonIds: ReadonlySet<number>;
  /** Theme codes, the main one first. */
  themes: readonly string[];
  /** The root of the main theme: council chairs come from organisations working on it. */
  mainTheme: string;
  /** The former province whose bodies dealt with the task before the merger. */
  origin: ProvinceKey;
  /** When the task was registered, as the seed drew it. */
  createdOn: string;
}

export interface DocumentDraft {
  seq: number;
  docType: string;
  issuer: string;
  day: number;
  signer: string;
  summary: string | (() => string);
  /** About how many documents of this type the issuer numbers per day, for realistic numbers. */
  perDay: number;
  /** Set by finish(). */
  number: string;
}

export interface StepPlan {
  action: SeedAction;
  from: Stage;
  to: Stage;
  day: number;
  document: DocumentDraft;
  outcome: AcceptanceOutcome | null;
  comment: string | null;
}

export interface TaskHistory {
  steps: StepPlan[];
  /** The proposal date when the drawn registration date does not fit the history, else null. */
  proposedOn: string | null;
  selectionMethod: SelectionMethod | null;
  acceptanceOutcome: AcceptanceOutcome | null;
}

/** The route out of each stage; side exits follow the task's detour. */
function nextAction(stage: Stage, detour: Detour | null): SeedAction | null {
  switch (stage) {
    case "proposed":
      return "identify";
    case "identified":
      return "open_selection";
    case "selection":
      return "select_host";
    case "budget_appraisal":
      return "approve";
    case "approved":
      return "sign_contract";
    case "in_progress":
      return detour === "terminated" ? "terminate" : "receive_acceptance_dossier";
    case "acceptance":
      return detour === "failed" ? "record_acceptance_fail" : "record_acceptance_pass";
    case "recognition":
      return "recognise_results";
    case "registration":
      return "register_results";
    case "terminated":
    case "failed":
      return "settle";
    case "settlement":
      return "liquidate";
    default:
      return null;
  }
}

const PRE_CONTRACT: ReadonlySet<SeedAction> = new Set([
  "open_selection",
  "select_host",
  "approve",
  "reject_at_selection",
] as const);

const CV_PER_DAY: Record<OrganisationKind, number> = {
  agency: 4,
  hospital: 3,
  university: 2.5,
  institute: 1.2,
  school: 1,
  enterprise: 0.8,
  association: 0.5,
  cooperative: 0.15,
};

const OUTCOME_LABEL: Record<AcceptanceOutcome, string> = { excellent: "Xuất sắc", pass: "Đạt", fail: "Không đạt" };

export class HistoryPlanner {
  private readonly rng: Rng;
  private readonly chairs: readonly Chair[];
  private readonly asOf: number;
  private readonly documents: DocumentDraft[] = [];
  private readonly decisions = new Map<string, { document: DocumentDraft; years: Set<number> }>();
  private readonly decisionDays = new Map<string, number>();
  private readonly usedReasons = new Set<string>();
  private rejections = 0;

  constructor(rng: Rng, chairs: readonly Chair[], asOf: string) {
    this.rng = rng;
    this.chairs = chairs;
    this.asOf = parseIsoDate(asOf);
    // Each province approves next year's list of ordered tasks in the autumn. After the merger the
    // new province's first list waits for Law 93/2025 (in force 1/10/2025) and serves its new kind
    // of task too, and must leave room to contract tasks starting in December.
    for (let year = 2020; year <= 2024; year++) {
      for (const province of ["nam_dinh", "ha_nam", "ninh_binh"] as const) {
        const day = dayNumber(year, 9, 10) + randInt(rng, 0, 51);
        this.decisionDays.set(`${province}:${year}`, workdayOnOrAfter(day));
      }
    }
    this.decisionDays.set("merged:2025", workdayOnOrAfter(LAW_93_DAY + randInt(rng, 0, 12)));
  }

  plan(task: HistoryTask): TaskHistory {
    const actions = this.route(task);
    const selectionMethod = this.selectionMethod(task, actions);
    const identification = actions.includes("identify") ? this.identification(task) : null;
    const days = this.schedule(task, actions, identification?.day ?? null);

    const steps: StepPlan[] = [];
    let stage: Stage = "proposed";
    let contract: DocumentDraft | null = null;
    let acceptanceOutcome: AcceptanceOutcome | null = null;
    for (const [i, action] of actions.entries()) {
      const day = days[i] as number;
      const rule = SEED_ACTIONS[action];
      if (!(rule.from as readonly Stage[]).includes(stage)) throw new Error(`${task.code}: ${action} from ${stage}`);
      let outcome: AcceptanceOutcome | null = null;
      if (action === "record_acceptance_pass") outcome = chance(this.rng, 0.25) ? "excellent" : "pass";
      if (action === "record_acceptance_fail") outcome = "fail";
      if (outcome) acceptanceOutcome = outcome;
      const document: DocumentDraft =
        action === "identify" && identification
          ? identification.document
          : this.document(task, action, day, { selectionMethod, outcome, contract });
      if (action === "sign_contract") contract = document;
      steps.push({
        action,
        from: stage,
        to: rule.to,
        day,
        document,
        outcome,
        comment: this.comment(task, action, day, stage),
      });
      stage = rule.to;
    }
    if (stage !== task.stage) throw new Error(`${task.code}: history ends at ${stage}, task is at ${task.stage}`);

    return {
      steps,
      proposedOn: identification ? this.proposalDate(task, identification) : null,
      selectionMethod,
      acceptanceOutcome,
    };
  }

  /** Numbers every document: each issuer numbers each type afresh every year, in date order. */
  finish(): DocumentDraft[] {
    for (const [key, decision] of this.decisions) {
      const [authority, year] = key.split(":") as [Authority, string];
      const main = Number(year) + 1;
      const extra = [...decision.years].filter((y) => y !== main).sort((a, b) => a - b);
      const kind = decision.document.day >= LAW_93_DAY ? "KH,CN&ĐMST" : "KH&CN";
      decision.document.summary = [
        `Phê duyệt danh mục nhiệm vụ ${kind} cấp tỉnh đặt hàng năm ${main}`,
        extra.length > 0 ? ` và bổ sung danh mục năm ${extra.join(", ")}` : "",
        authority === "merged" ? "" : ` của ${AUTHORITIES[authority].province}`,
      ].join("");
    }
    const ordered = [...this.documents].sort((a, b) => a.day - b.day || a.seq - b.seq);
    const last = new Map<string, number>();
    for (const doc of ordered) {
      const [year] = civilDate(doc.day);
      const key = `${doc.docType}|${doc.issuer.toUpperCase()}|${year}`;
      const dayOfYear = doc.day - dayNumber(year, 1, 1);
      const around = Math.floor(dayOfYear * doc.perDay) + randInt(this.rng, 1, 1 + Math.ceil(doc.perDay * 2));
      const n = Math.max((last.get(key) ?? 0) + 1, around);
      last.set(key, n);
      doc.number = String(n);
    }
    for (const doc of ordered) if (typeof doc.summary === "function") doc.summary = doc.summary();
    return ordered;
  }

  private selectionMethod(task: HistoryTask, actions: readonly SeedAction[]): SelectionMethod | null {
    if (!actions.includes("open_selection")) return null;
    // A call nobody answered well was an open one; public bodies are often assigned their tasks directly.
    if (actions.includes("reject_at_selection")) return "open_call";
    const direct = task.host.kind === "agency" || task.host.kind === "hospital" ? 0.5 : 0.1;
    return chance(this.rng, direct) ? "direct_assignment" : "open_call";
  }

  private route(task: HistoryTask): SeedAction[] {
    if (task.stage === "rejected") {
      // Alternately turned down by the identification council, and left without a host after the call.
      this.rejections += 1;
      return this.rejections % 2 === 1 ? ["reject_proposal"] : ["identify", "open_selection", "reject_at_selection"];
    }
    const detour = task.stage === "terminated" || task.stage === "failed" ? task.stage : task.detour;
    const actions: SeedAction[] = [];
    let stage: Stage = "proposed";
    while (stage !== task.stage) {
      const action = nextAction(stage, detour);
      if (!action || actions.length > 12) throw new Error(`${task.code}: no path to ${task.stage}`);
      actions.push(action);
      stage = SEED_ACTIONS[action].to;
    }
    return actions;
  }

  /** The People's Committee decision that put the task on the list: one per authority and year. */
  private identification(task: HistoryTask): { day: number; document: DocumentDraft; authority: Authority } {
    // The new kind of task exists only under Law 93/2025: it waits for the first list after it.
    const listYear = task.kind === "nhiem_vu_dmst" ? Math.max(task.year, 2026) : task.year;
    const authority: Authority = listYear - 1 >= 2025 ? "merged" : task.origin;
    const key = `${authority}:${listYear - 1}`;
    const day = this.decisionDays.get(key);
    if (day === undefined) throw new Error(`${task.code}: no identification decision ${key}`);
    let decision = this.decisions.get(key);
    if (!decision) {
      decision = {
        document: this.draft("QĐ", "UBND", day, AUTHORITIES[authority].committee, "", 7.5),
        years: new Set(),
      };
      this.decisions.set(key, decision);
    }
    decision.years.add(task.year);
    return { day, document: decision.document, authority };
  }

  /** Proposals answer the annual call, due some weeks before the list is decided. */
  private proposalDate(task: HistoryTask, identification: { day: number; authority: Authority }): string | null {
    const [year] = civilDate(identification.day);
    const from = identification.authority === "merged" ? MERGER_DAY : dayNumber(year, 2, 1);
    const to = identification.day - 20;
    const drawn = parseIsoDate(task.createdOn);
    if (drawn >= from && drawn <= to) return null;
    return isoDate(Math.min(workdayOnOrAfter(randInt(this.rng, from, to)), to));
  }

  /**
   * Working days for each step: before the contract, the steps spread between the list decision and
   * the start; after the end, the acceptance steps follow their usual delays. Whatever would pass
   * the demo's today is squeezed in before it.
   */
  private schedule(task: HistoryTask, actions: readonly SeedAction[], decision: number | null): number[] {
    const rng = this.rng;
    const start = task.startDate ? parseIsoDate(task.startDate) : null;
    const end = task.endDate ? parseIsoDate(task.endDate) : null;
    const contract = start === null ? null : workdayOnOrBefore(start - randInt(rng, 0, 5));

    const nominal: number[] = [];
    const ceiling: number[] = [];
    const group: ("fixed" | "pre" | "contract" | "running" | "post")[] = [];
    const floor = new Map<string, number>();
    let previous = decision ?? parseIsoDate(task.createdOn);
    let acceptanceDay = 0;
    let terminationDay = 0;
    for (const action of actions) {
      let day: number;
      if (action === "identify") {
        day = decision as number;
        group.push("fixed");
        ceiling.push(this.asOf);
      } else if (PRE_CONTRACT.has(action)) {
        const base = decision as number;
        if (contract !== null) {
          // Percent of the way from the list decision to the contract.
          const [from, to] = action === "open_selection" ? [8, 20] : action === "select_host" ? [40, 60] : [75, 92];
          day = base + Math.round(((contract - base) * randInt(rng, from, to)) / 100);
        } else if (action === "reject_at_selection") {
          day = previous + randInt(rng, 50, 110);
        } else if (action === "open_selection") {
          day = base + (actions.includes("reject_at_selection") ? randInt(rng, 15, 45) : randInt(rng, 60, 300));
        } else {
          day = previous + randInt(rng, 60, 180);
        }
        group.push("pre");
        ceiling.push(Math.min(contract === null ? this.asOf : contract - 1, this.asOf));
        if (!floor.has("pre")) floor.set("pre", base);
      } else if (action === "sign_contract") {
        day = contract as number;
        group.push("contract");
        ceiling.push(Math.min(start as number, this.asOf));
      } else if (action === "terminate") {
        const [y, m] = civilDate(start as number);
        const months = monthsBetween(task.startDate as string, task.endDate as string);
        const index = y * 12 + (m - 1) + Math.floor(months / 2);
        day = dayNumber(Math.floor(index / 12), (index % 12) + 1, randInt(rng, 5, 25));
        terminationDay = day;
        group.push("running");
        ceiling.push(Math.min(end as number, this.asOf));
        floor.set("running", contract as number);
      } else {
        switch (action) {
          case "receive_acceptance_dossier":
            // Due within 30 days of the contract's end.
            day = (end as number) + randInt(rng, 5, 28);
            floor.set("post", end as number);
            break;
          case "record_acceptance_pass":
          case "record_acceptance_fail":
            day = previous + randInt(rng, 20, 45);
            acceptanceDay = day;
            break;
          case "recognise_results":
            day = previous + randInt(rng, 25, 45);
            break;
          case "register_results":
            day = previous + randInt(rng, 10, 30);
            break;
          case "settle":
            day = terminationDay ? terminationDay + randInt(rng, 60, 150) : acceptanceDay + randInt(rng, 45, 120);
            break;
          case "liquidate":
            day = previous + (actions.includes("settle") ? randInt(rng, 20, 60) : randInt(rng, 30, 120));
            break;
          case "reject_proposal":
            day = previous + randInt(rng, 40, 75);
            break;
          default:
            throw new Error(`${task.code}: no date rule for ${action}`);
        }
        group.push("post");
        ceiling.push(this.asOf);
        if (!floor.has("post")) floor.set("post", previous);
      }
      nominal.push(day);
      previous = day;
    }

    // Squeeze each group that runs past its ceiling into the days it has.
    for (const name of ["pre", "running", "post"] as const) {
      const members = group.flatMap((g, i) => (g === name ? [i] : []));
      if (members.length === 0) continue;
      const lo = floor.get(name) as number;
      const hi = Math.min(...members.map((i) => ceiling[i] as number));
      const top = Math.max(...members.map((i) => nominal[i] as number));
      if (top <= hi) continue;
      for (const i of members) nominal[i] = lo + Math.floor((((nominal[i] as number) - lo) * (hi - lo)) / (top - lo));
    }

    const days: number[] = [];
    for (const [i, action] of actions.entries()) {
      const hi = ceiling[i] as number;
      const after = (days[i - 1] ?? Number.NEGATIVE_INFINITY) + 1;
      let day =
        action === "identify" ? (nominal[i] as number) : workdayOnOrAfter(Math.max(nominal[i] as number, after));
      if (day > hi) day = workdayOnOrBefore(hi);
      if (day < after) day = after;
      if (day > hi) throw new Error(`${task.code}: no day left for ${action}`);
      days.push(day);
    }
    return days;
  }

  private document(
    task: HistoryTask,
    action: SeedAction,
    day: number,
    context: {
      selectionMethod: SelectionMethod | null;
      outcome: AcceptanceOutcome | null;
      contract: DocumentDraft | null;
    },
  ): DocumentDraft {
    const authority = AUTHORITIES[day < MERGER_DAY ? task.origin : "merged"];
    const director = authority.department;
    const title = `“${task.title}”`;
    const host = task.host;
    const hostName = host.shortName ?? host.name;
    switch (action) {
      case "reject_proposal":
        return this.draft(
          "BB",
          "HĐXĐ",
          day,
          this.chair(task),
          `Họp Hội đồng tư vấn xác định nhiệm vụ: không đề nghị đặt hàng đề xuất ${title}`,
          0.05,
        );
      case "open_selection":
        return context.selectionMethod === "direct_assignment"
          ? this.draft(
              "QĐ",
              "SKHCN",
              day,
              director,
              `Giao trực tiếp tổ chức, cá nhân chủ trì thực hiện nhiệm vụ ${title}`,
              1.2,
            )
          : this.draft(
              "TB",
              "SKHCN",
              day,
              director,
              `Thông báo tuyển chọn tổ chức, cá nhân chủ trì thực hiện nhiệm vụ ${title}`,
              0.3,
            );
      case "select_host":
        return context.selectionMethod === "direct_assignment"
          ? this.draft(
              "QĐ",
              "SKHCN",
              day,
              director,
              `Phê duyệt ${host.name} chủ trì, ${task.piName} làm chủ nhiệm nhiệm vụ theo phương thức giao trực tiếp`,
              1.2,
            )
          : this.draft(
              "BB",
              "HĐTC",
              day,
              this.chair(task),
              `Họp Hội đồng tư vấn tuyển chọn: đề nghị ${host.name} chủ trì, ${task.piName} làm chủ nhiệm nhiệm vụ`,
              0.08,
            );
      case "reject_at_selection":
        return this.draft(
          "TB",
          "SKHCN",
          day,
          director,
          `Thông báo kết quả tuyển chọn: không có tổ chức, cá nhân đủ điều kiện chủ trì nhiệm vụ ${title}`,
          0.3,
        );
      case "approve": {
        const months = monthsBetween(task.startDate as string, task.endDate as string);
        const mode = task.fundingMode === "full_lump_sum" ? "khoán chi đến sản phẩm cuối cùng" : "khoán chi từng phần";
        const summary =
          `Phê duyệt nhiệm vụ ${title}: tổng kinh phí ${millions(task.totalBudget)} triệu đồng ` +
          `(ngân sách KH&CN ${millions(task.stateBudget)} triệu đồng), thực hiện ${months} tháng ` +
          `từ ${monthYear(task.startDate as string)} đến ${monthYear(task.endDate as string)}, ${mode}`;
        return authority.committeeApproves
          ? this.draft("QĐ", "UBND", day, authority.committee, summary, 7.5)
          : this.draft("QĐ", "SKHCN", day, director, summary, 1.2);
      }
      case "sign_contract": {
        const name = task.kind === "nhiem_vu_dmst" ? "Hợp đồng tài trợ" : "Hợp đồng";
        return this.draft(
          "HĐ",
          "SKHCN",
          day,
          director,
          `${name} thực hiện nhiệm vụ ${title} giữa Sở KH&CN, ${hostName} và chủ nhiệm ${task.piName}`,
          0.15,
        );
      }
      case "terminate":
        return this.draft("QĐ", "SKHCN", day, director, `Chấm dứt hợp đồng thực hiện nhiệm vụ ${title}`, 1.2);
      case "receive_acceptance_dossier": {
        const signer = `${host.contactName}, đại diện ${hostName}`;
        return chance(this.rng, 0.7)
          ? this.draft(
              "CV",
              host.docCode,
              day,
              signer,
              `Đề nghị đánh giá, nghiệm thu kết quả thực hiện nhiệm vụ ${title}, kèm hồ sơ nghiệm thu`,
              CV_PER_DAY[host.kind],
            )
          : this.draft(
              "TTr",
              host.docCode,
              day,
              signer,
              `Tờ trình đề nghị nghiệm thu cấp tỉnh nhiệm vụ ${title}`,
              0.25,
            );
      }
      case "record_acceptance_pass":
      case "record_acceptance_fail":
        return this.draft(
          "BB",
          "HĐNT",
          day,
          this.chair(task),
          `Họp Hội đồng tư vấn đánh giá, nghiệm thu nhiệm vụ ${title}: xếp loại ${OUTCOME_LABEL[context.outcome ?? "pass"]}`,
          0.1,
        );
      case "recognise_results":
        return this.draft(
          "QĐ",
          "SKHCN",
          day,
          director,
          `Công nhận kết quả thực hiện nhiệm vụ KH&CN cấp tỉnh ${title}`,
          1.2,
        );
      case "register_results":
        return this.draft(
          "GCN",
          "TTTT",
          day,
          authority.informationCentre,
          `Chứng nhận đăng ký kết quả thực hiện nhiệm vụ KH&CN ${title}`,
          0.2,
        );
      case "settle":
        return this.draft(
          "QĐ",
          "SKHCN",
          day,
          director,
          task.detour === "failed" || task.stage === "failed"
            ? `Phê duyệt quyết toán và xử lý kinh phí nhiệm vụ ${title} không đạt khi nghiệm thu`
            : `Phê duyệt quyết toán và thu hồi kinh phí nhiệm vụ ${title} chấm dứt trước thời hạn`,
          1.2,
        );
      case "liquidate": {
        const contract = context.contract;
        return this.draft(
          "BB",
          "SKHCN",
          day,
          director,
          () =>
            contract
              ? `Thanh lý Hợp đồng số ${contract.number}/${contract.docType}-${contract.issuer} thực hiện nhiệm vụ ${title}`
              : `Thanh lý hợp đồng thực hiện nhiệm vụ ${title}`,
          0.12,
        );
      }
      case "identify":
        throw new Error("identify uses the shared list decision");
    }
  }

  private comment(task: HistoryTask, action: SeedAction, day: number, from: Stage): string | null {
    switch (action) {
      case "reject_proposal":
        return this.reason(PROPOSAL_REJECTIONS);
      case "reject_at_selection":
        return this.reason(SELECTION_REJECTIONS);
      case "terminate": {
        const special = [
          ...(day < dayNumber(2022, 7, 1) ? [PANDEMIC_TERMINATION] : []),
          ...(task.themes.some((t) => t === "NNCNC-CHANNUOI" || t === "NNCNC-THUYSAN") ? [HERD_LOSS_TERMINATION] : []),
        ].filter((r) => !this.usedReasons.has(r));
        return this.reason(special.length > 0 ? special : TERMINATION_REASONS);
      }
      case "settle": {
        if (from === "failed" && task.regime === "law_93_2025") {
          return "Không thu hồi kinh phí đã sử dụng đúng quy định (Luật số 93/2025/QH15).";
        }
        const share = from === "terminated" ? randInt(this.rng, 15, 45) : randInt(this.rng, 20, 60);
        const recovered = ((BigInt(task.stateBudget) * BigInt(share)) / 100n / 1000n) * 1000n;
        return `Thu hồi ${millions(recovered.toString())} triệu đồng kinh phí ngân sách ${
          from === "terminated" ? "chưa sử dụng" : "theo kết luận của hội đồng nghiệm thu"
        }.`;
      }
      default:
        return null;
    }
  }

  /** A reason not given yet; once all have been, they come round again. */
  private reason(options: readonly string[]): string {
    if (options.every((r) => this.usedReasons.has(r))) for (const r of options) this.usedReasons.delete(r);
    const chosen = pick(
      this.rng,
      options.filter((r) => !this.usedReasons.has(r)),
    );
    this.usedReasons.add(chosen);
    return chosen;
  }

  /** A doctor from neither the task's team nor its host, from the field when possible. */
  private chair(task: HistoryTask): string {
    const free = this.chairs.filter((c) => !task.teamPersonIds.has(c.personId) && c.org !== task.host.key);
    const inField = free.filter((c) => c.themes.has(task.mainTheme));
    const chair = pick(this.rng, inField.length > 0 ? inField : free);
    return `Chủ tịch Hội đồng ${chair.title} ${chair.name}`;
  }

  private draft(
    docType: string,
    issuer: string,
    day: number,
    signer: string,
    summary: string | (() => string),
    perDay: number,
  ): DocumentDraft {
    const doc: DocumentDraft = {
      seq: this.documents.length,
      docType,
      issuer,
      day,
      signer,
      summary,
      perDay,
      number: "",
    };
    this.documents.push(doc);
    return doc;
  }
}

function monthsBetween(start: string, end: string): number {
  const [sy, sm] = start.split("-").map(Number) as [number, number];
  const [ey, em] = end.split("-").map(Number) as [number, number];
  return (ey - sy) * 12 + (em - sm) + 1;
}

function monthYear(date: string): string {
  return `${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** Whole đồng as Vietnamese read them: "1250500000" → "1.250,5" (triệu đồng). */
export function millions(dong: string): string {
  const value = BigInt(dong);
  const whole = (value / 1_000_000n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const fraction = ((value % 1_000_000n) / 1000n).toString().padStart(3, "0").replace(/0+$/, "");
  return fraction ? `${whole},${fraction}` : whole;
}

// ---------------------------------------------------------------------------------------------
// Rows

export interface PlannedTaskHistory {
  taskId: number;
  steps: readonly StepPlan[];
}

/**
 * Writes the documents, the transitions and their audit entries, one insert of many rows per
 * table, in date order: ids grow with time, and the audit trail reads as if recorded live.
 */
export async function insertHistory(
  db: Kysely<Database>,
  documents: readonly DocumentDraft[],
  tasks: readonly PlannedTaskHistory[],
  actorOn: (day: number) => number,
): Promise<{ documents: number; transitions: number }> {
  const ids = new Map<DocumentDraft, number>();
  const key = (issuer: string, docType: string, number: string, year: number) =>
    `${issuer.toUpperCase()}|${docType.toUpperCase()}|${number}|${year}`;
  const byKey = new Map(documents.map((d) => [key(d.issuer, d.docType, d.number, civilDate(d.day)[0]), d]));
  if (byKey.size !== documents.length) throw new Error("Two demo documents share a number");
  for (const rows of chunks(documents)) {
    const inserted = await db
      .insertInto("document")
      .values(
        rows.map((d) => ({
          number: d.number,
          doc_type: d.docType,
          issuer: d.issuer,
          issued_on: isoDate(d.day),
          issued_year: civilDate(d.day)[0],
          year_in_number: false,
          signer: d.signer,
          summary: typeof d.summary === "string" ? d.summary : d.summary(),
          file_id: null,
          created_by: actorOn(d.day),
          created_at: officeHours(d.day),
        })),
      )
      .returning(["id", "issuer", "doc_type", "number", "issued_year"])
      .execute();
    for (const row of inserted) {
      const doc = byKey.get(key(row.issuer, row.doc_type, row.number, row.issued_year));
      if (!doc) throw new Error(`Inserted an unknown document ${row.number}/${row.doc_type}-${row.issuer}`);
      ids.set(doc, row.id);
    }
  }

  const steps = tasks
    .flatMap((task, order) => task.steps.map((step, index) => ({ taskId: task.taskId, order, index, step })))
    .sort((a, b) => a.step.day - b.step.day || a.order - b.order || a.index - b.index);
  const documentId = (doc: DocumentDraft) => {
    const id = ids.get(doc);
    if (id === undefined) throw new Error("A step's document was not inserted");
    return id;
  };

  for (const rows of chunks(steps)) {
    await db
      .insertInto("task_transition")
      .values(
        rows.map(({ taskId, step }) => ({
          task_id: taskId,
          action: step.action,
          from_stage: step.from,
          to_stage: step.to,
          document_id: documentId(step.document),
          outcome: step.outcome,
          comment: step.comment,
          actor_user_id: actorOn(step.day),
          at: officeHours(step.day),
        })),
      )
      .execute();
  }

  // As the API writes them: the document first (once, with the task that brought it), then the move.
  const announced = new Set<DocumentDraft>();
  const audit = steps.flatMap(({ taskId, step }) => {
    const doc = step.document;
    const id = documentId(doc);
    const common = { at: officeHours(step.day), actor_user_id: actorOn(step.day), task_id: taskId };
    const entries: Insertable<AuditLogTable>[] = [];
    if (!announced.has(doc)) {
      announced.add(doc);
      entries.push({
        ...common,
        action: "document.recorded",
        entity_type: "document",
        entity_id: String(id),
        data: jsonb({
          number: `${doc.number}/${doc.docType}-${doc.issuer}`,
          issuedOn: isoDate(doc.day),
          signer: doc.signer,
          fileId: null,
        }),
      });
    }
    entries.push({
      ...common,
      action: "task.transition",
      entity_type: "task",
      entity_id: String(taskId),
      data: jsonb({
        action: step.action,
        from: step.from,
        to: step.to,
        documentId: id,
        outcome: step.outcome,
        comment: step.comment,
      }),
    });
    return entries;
  });
  for (const rows of chunks(audit)) await db.insertInto("audit_log").values(rows).execute();

  return { documents: documents.length, transitions: steps.length };
}

/** PostgreSQL takes at most 65 535 parameters a statement: a thousand rows stay well below. */
function* chunks<T>(rows: readonly T[], size = 1000): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}
