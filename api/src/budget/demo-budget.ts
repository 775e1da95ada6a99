import { jsonb } from "@khcn/db/jsonb";
import type { BudgetSource, Database, MovementKind, RecoveryCause, Regime, Stage, TaskKind } from "@khcn/db/schema";
import { AUTHORITIES, type Authority, PAPER_RECORDS_ACCOUNT } from "@khcn/db/seed/content/history";
import { civilDate, dayNumber, isoDate, MERGER_DAY, millions, officeHours, parseIsoDate } from "@khcn/db/seed/history";
import { mulberry32, type Rng, randInt, shuffle } from "@khcn/db/seed/random";
import type { Kysely } from "kysely";
import { type ExpenseCategory, loadParameters } from "../rules/parameters.ts";
import { type Dong, formatDong, minDong, parseDong, shareOf, splitDong, sumDong } from "./money.ts";

/*
 * The money behind the demo portfolio on its "today": for every task past approval, the approved
 * plan (source × year × expense category, adding up to the task's totals to the đồng), its
 * revisions, and the year's allocations, advances, settlements and recoveries, each with its
 * numbered document. Spending follows the plan year by year; the periodic reports written after
 * this (reports/demo-history.ts) report the same spending, so a year's settlement is what its
 * reports said was spent. A few tasks carry the risks a head watches: advances left unsettled, an
 * allocation that will lapse, spending ahead of progress, money recovered from failed or
 * terminated tasks. Deterministic: a PRNG of its own, seeded per task code.
 *
 * It writes data, not events: the audit trail holds what people did in this installation.
 */

const BUDGET_PRNG_SEED = 20261127;
const THOUSAND = 1000n;

type Day = number;
type LineKey = `${BudgetSource}|${string}`;

/** How the demo splits each source over the default categories, by kind of task (integer weights). */
const CATEGORY_WEIGHTS: Record<TaskKind, Record<BudgetSource, Readonly<Record<string, number>>>> = {
  de_tai: {
    state: { labour: 42, experts: 6, materials: 24, equipment: 10, other: 18 },
    other: { materials: 50, equipment: 40, other: 10 },
  },
  // Trial production: the state pays for know-how, counterpart funds for inputs, plant and works.
  du_an_sxtn: {
    state: { labour: 25, experts: 15, materials: 30, equipment: 10, other: 20 },
    other: { materials: 45, equipment: 30, construction: 15, other: 10 },
  },
  de_an: {
    state: { labour: 50, experts: 18, materials: 4, equipment: 3, other: 25 },
    other: { labour: 50, other: 50 },
  },
  nhiem_vu_dmst: {
    state: { labour: 35, experts: 12, materials: 20, equipment: 18, other: 15 },
    other: { materials: 30, equipment: 50, other: 20 },
  },
};

/** The special stories a few running tasks tell; the rest run to plan. */
type Story = "normal" | "lapse" | "ahead" | "unsettled";

interface TaskFacts {
  id: number;
  code: string;
  title: string;
  kind: TaskKind;
  regime: Regime;
  stage: Stage;
  unitId: number;
  province: Authority | null;
  start: Day;
  end: Day;
  total: Dong;
  state: Dong;
  steps: Map<string, { day: Day; documentId: number | null; comment: string | null; label: string | null }>;
}

interface Line {
  source: BudgetSource;
  year: number;
  category: string | null;
  amount: Dong;
}

interface DocDraft {
  seq: number;
  docType: "QĐ" | "TB";
  day: Day;
  signer: string;
  summary: string;
  /** About how many of this type the Department numbers per day, for realistic numbers. */
  perDay: number;
  number: string;
  id: number | null;
}

interface MovementDraft {
  taskId: number;
  kind: MovementKind;
  year: number;
  source: BudgetSource;
  amount: Dong;
  day: Day;
  doc: DocDraft | number;
  note: string | null;
  recoveryCause: RecoveryCause | null;
}

interface RevisionDraft {
  taskId: number;
  revision: number;
  reason: string;
  day: Day;
  lines: Line[];
}

/** One task's spending, per year, by source and category, spread over the contract days of the year. */
interface SpendingCurve {
  byYear: Map<number, Map<LineKey, Dong>>;
  /** Contract days of each year, the first and last counted: spending stops at a termination. */
  window: Map<number, [Day, Day]>;
  /** Years whose spending runs twice as fast as time (all spent by mid-window). */
  frontLoaded: Set<number>;
  /** Physical progress as a share of time, in per mille (1000: in step). */
  progressPerMille: number;
}

export interface DemoSpendingLine {
  category: string;
  source: BudgetSource;
  amount: Dong;
}

/** What the periodic reports of the demo need to agree with the money. */
export interface DemoSpending {
  /** Spending after `from` up to and including `to` (ISO dates), by category and source; null for a task without a demo budget. */
  between(taskId: number, from: string | null, to: string): DemoSpendingLine[] | null;
  /** Physical progress as a share of elapsed time, in per mille: below 1000 for tasks spending ahead of progress. */
  progressPerMille(taskId: number): number;
}

const weekday = (day: Day) => (day + 4) % 7; // 1970-01-01 was a Thursday; 0 is Sunday.
const workdayOnOrAfter = (day: Day) => (weekday(day) === 6 ? day + 2 : weekday(day) === 0 ? day + 1 : day);
const workdayOnOrBefore = (day: Day) => (weekday(day) === 6 ? day - 1 : weekday(day) === 0 ? day - 2 : day);
const yearOf = (day: Day) => civilDate(day)[0];
const startOfYear = (year: number) => dayNumber(year, 1, 1);
const endOfYear = (year: number) => dayNumber(year, 12, 31);
const keyOf = (source: BudgetSource, category: string | null): LineKey => `${source}|${category ?? ""}`;

function hashCode(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619);
  return h >>> 0;
}

/** "1.234,5" (triệu đồng, as the settle step's comment writes it) → whole đồng. */
function fromMillions(text: string): Dong {
  const [whole = "0", fraction = ""] = text.replaceAll(".", "").split(",");
  return parseDong(whole) * 1_000_000n + parseDong(fraction.padEnd(3, "0").slice(0, 3)) * THOUSAND;
}

const ddmmyyyy = (day: Day) => {
  const [y, m, d] = civilDate(day);
  return `${String(d).padStart(2, "0")}/${String(m).padStart(2, "0")}/${y}`;
};

const money = (amount: Dong) => `${millions(formatDong(amount))} triệu đồng`;

// ---------------------------------------------------------------------------------------------
// The plan

function categoryWeights(kind: TaskKind, source: BudgetSource, categories: readonly string[], rng: Rng) {
  const known = CATEGORY_WEIGHTS[kind][source];
  const configured = categories.some((c) => (known[c] ?? 0) > 0);
  return categories.map((c) => {
    if (!configured) return 1n;
    const base = known[c] ?? 0;
    // Each task's estimate differs a little from the next one's.
    return base === 0 ? 0n : BigInt(Math.max(1, base + randInt(rng, -3, 3)));
  });
}

/** Contract months in each calendar year of the task. */
function monthsByYear(start: Day, end: Day): Map<number, number> {
  const [sy, sm] = civilDate(start);
  const [ey, em] = civilDate(end);
  const months = new Map<number, number>();
  for (let i = sy * 12 + sm - 1; i <= ey * 12 + em - 1; i++) {
    const y = Math.floor(i / 12);
    months.set(y, (months.get(y) ?? 0) + 1);
  }
  return months;
}

function planLines(task: TaskFacts, categories: readonly string[], rng: Rng, byYearOnly: boolean): Line[] {
  const months = monthsByYear(task.start, task.end);
  const years = [...months.keys()];
  const yearWeights = years.map((y) => BigInt(months.get(y) ?? 0));
  const lines: Line[] = [];
  const sources: [BudgetSource, Dong][] = [
    ["state", task.state],
    ["other", task.total - task.state],
  ];
  for (const [source, amount] of sources) {
    if (amount === 0n) continue;
    const weights = categoryWeights(task.kind, source, categories, rng);
    splitDong(amount, yearWeights, THOUSAND).forEach((yearAmount, i) => {
      const year = years[i] as number;
      if (byYearOnly) {
        if (yearAmount > 0n) lines.push({ source, year, category: null, amount: yearAmount });
        return;
      }
      splitDong(yearAmount, weights, THOUSAND).forEach((part, j) => {
        if (part > 0n) lines.push({ source, year, category: categories[j] as string, amount: part });
      });
    });
  }
  return lines;
}

/** A mid-contract adjustment that moves money between categories of one year, leaving every total as it was. */
function reshuffle(lines: readonly Line[], year: number, rng: Rng): Line[] | null {
  const from = lines.find((l) => l.source === "state" && l.year === year && l.category === "materials");
  const to = lines.find((l) => l.source === "state" && l.year === year && l.category === "equipment");
  if (!from || !to) return null;
  const moved = shareOf(from.amount, BigInt(randInt(rng, 8, 20)), 100n, THOUSAND);
  if (moved === 0n) return null;
  return lines.map((l) =>
    l === from ? { ...l, amount: l.amount - moved } : l === to ? { ...l, amount: l.amount + moved } : { ...l },
  );
}

// ---------------------------------------------------------------------------------------------
// Spending

function spendingCurve(task: TaskFacts, lines: readonly Line[], story: Story, asOf: Day, rng: Rng): SpendingCurve {
  const stop = task.steps.get("terminate")?.day ?? task.end;
  const byYear = new Map<number, Map<LineKey, Dong>>();
  const window = new Map<number, [Day, Day]>();
  const frontLoaded = new Set<number>();
  // Most tasks spend what was planned; some a little less, and the rest of their allocation lapses.
  const pace = BigInt(rng() < 0.75 ? 1000 : randInt(rng, 930, 990));
  const currentYear = yearOf(asOf);
  for (const line of lines) {
    const from = Math.max(task.start, startOfYear(line.year));
    const to = Math.min(task.end, endOfYear(line.year));
    window.set(line.year, [from, Math.min(to, stop)]);
    let spent: Dong;
    if (from > stop) spent = 0n;
    else {
      spent = shareOf(line.amount, story === "lapse" && line.year === currentYear ? 250n : pace, 1000n, THOUSAND);
      // A terminated task spent only until the termination.
      if (stop < to) spent = shareOf(spent, BigInt(stop - from + 1), BigInt(to - from + 1), THOUSAND);
    }
    if (story === "ahead" && line.year === currentYear) {
      spent = line.amount;
      frontLoaded.add(line.year);
    }
    const year = byYear.get(line.year) ?? new Map<LineKey, Dong>();
    year.set(keyOf(line.source, line.category), spent);
    byYear.set(line.year, year);
  }
  return { byYear, window, frontLoaded, progressPerMille: story === "ahead" ? 550 : 1000 };
}

/** Spending up to and including `day`, by source and category. */
function spentThrough(curve: SpendingCurve, day: Day): Map<LineKey, Dong> {
  const total = new Map<LineKey, Dong>();
  for (const [year, amounts] of curve.byYear) {
    const [from, to] = curve.window.get(year) ?? [0, -1];
    for (const [key, amount] of amounts) {
      let part: Dong;
      if (day >= to) part = amount;
      else if (day < from) part = 0n;
      else {
        let elapsed = BigInt(day - from + 1);
        const length = BigInt(to - from + 1);
        if (curve.frontLoaded.has(year)) elapsed = elapsed * 2n > length ? length : elapsed * 2n;
        part = shareOf(amount, elapsed, length, THOUSAND);
      }
      total.set(key, (total.get(key) ?? 0n) + part);
    }
  }
  return total;
}

const spentInYear = (curve: SpendingCurve, year: number, source: BudgetSource): Dong =>
  sumDong(
    [...(curve.byYear.get(year) ?? new Map<LineKey, Dong>())]
      .filter(([k]) => k.startsWith(`${source}|`))
      .map(([, a]) => a),
  );

// ---------------------------------------------------------------------------------------------
// Movements

interface Built {
  lines: Line[];
  revisions: RevisionDraft[];
  movements: MovementDraft[];
  curve: SpendingCurve;
}

/** The Department's documents for the money: signed by the director of the department of the day. */
class DocumentBook {
  readonly drafts: DocDraft[] = [];
  /** Whose department issued documents before the merger: the task's former province. */
  authority: Authority = "merged";
  add(docType: DocDraft["docType"], day: Day, summary: string, perDay: number): DocDraft {
    const doc: DocDraft = {
      seq: this.drafts.length,
      docType,
      day,
      signer: AUTHORITIES[day >= MERGER_DAY ? "merged" : this.authority].department,
      summary,
      perDay,
      number: "",
      id: null,
    };
    this.drafts.push(doc);
    return doc;
  }
}

function buildTask(task: TaskFacts, categories: readonly string[], story: Story, asOf: Day, book: DocumentBook): Built {
  const rng = mulberry32(BUDGET_PRNG_SEED ^ hashCode(task.code));
  const approve = task.steps.get("approve");
  const approvedOn = approve?.day ?? task.start - 60;
  // Registers copied from the former provinces' paper files often gave the budget by year only.
  const byYearOnly = task.stage === "closed" && yearOf(task.start) <= 2021 && task.id % 2 === 0;
  const original = planLines(task, categories, rng, byYearOnly);
  const revisions: RevisionDraft[] = [
    {
      taskId: task.id,
      revision: 1,
      reason: approve?.label
        ? `Phê duyệt theo Quyết định số ${approve.label} ngày ${ddmmyyyy(approvedOn)}`
        : "Dự toán được phê duyệt khi giao nhiệm vụ",
      day: approvedOn,
      lines: original,
    },
  ];
  let lines = original;
  const contract = task.steps.get("sign_contract")?.day ?? null;
  const years = [...new Set(lines.map((l) => l.year))].sort((a, b) => a - b);
  const lastYear = years.at(-1) ?? yearOf(task.end);

  // Some running tasks moved money between categories of a later year, by the Department's decision.
  if (contract !== null && task.stage === "in_progress" && years.length >= 2 && rng() < 0.3) {
    const day = workdayOnOrAfter(Math.min(asOf - 20, startOfYear(lastYear) - 40 + randInt(rng, 0, 30)));
    const moved = day > contract ? reshuffle(lines, lastYear, rng) : null;
    if (moved) {
      book.add(
        "QĐ",
        day,
        `Điều chỉnh dự toán chi tiết năm ${lastYear} nhiệm vụ ${task.title} giữa các nội dung chi, không thay đổi tổng kinh phí`,
        1.2,
      );
      revisions.push({
        taskId: task.id,
        revision: 2,
        reason: `Điều chỉnh dự toán năm ${lastYear} giữa các nội dung chi theo quyết định của Sở ngày ${ddmmyyyy(day)}, không thay đổi tổng kinh phí`,
        day,
        lines: moved,
      });
      lines = moved;
    }
  }

  const movements: MovementDraft[] = [];
  const curve = spendingCurve(task, lines, story, asOf, rng);
  if (contract === null || contract > asOf) return { lines, revisions, movements, curve };

  const stop = task.steps.get("terminate")?.day ?? null;
  const settle = task.steps.get("settle") ?? null;
  const enteredSettlement = task.steps.get("register_results")?.day ?? settle?.day ?? null;
  const liquidated = task.steps.get("liquidate")?.day ?? null;
  // The last year whose money moved: the termination's, else the contract's last.
  const activeLast = stop !== null ? yearOf(stop) : lastYear;
  const currentYear = yearOf(asOf);
  const planned = (year: number, source: BudgetSource) =>
    sumDong(lines.filter((l) => l.year === year && l.source === source).map((l) => l.amount));

  // The final settlement of a finished task, once the results are registered (or it was settled after an exit).
  let finalDay: Day | null = null;
  if (settle) finalDay = settle.day;
  else if (enteredSettlement !== null && (task.stage === "closed" || rng() < 0.65)) {
    finalDay = workdayOnOrAfter(enteredSettlement + randInt(rng, 7, 40));
    if (liquidated !== null) finalDay = Math.min(finalDay, workdayOnOrBefore(liquidated - 3));
    if (finalDay > asOf) finalDay = null;
  }

  const advanced = new Map<string, Dong>();
  const paid = (year: number, source: BudgetSource) => advanced.get(`${year}|${source}`) ?? 0n;
  const move = (m: Omit<MovementDraft, "taskId">) => {
    movements.push({ taskId: task.id, ...m });
    if (m.kind === "advance") advanced.set(`${m.year}|${m.source}`, paid(m.year, m.source) + m.amount);
  };
  const bothSources = (amountOf: (source: BudgetSource) => Dong) =>
    (["state", "other"] as const).map((source) => [source, amountOf(source)] as const).filter(([, a]) => a > 0n);
  const describe = (parts: readonly (readonly [BudgetSource, Dong])[]) =>
    parts.map(([s, a]) => `${s === "state" ? "ngân sách KH&CN" : "nguồn khác"} ${money(a)}`).join(", ");

  for (const year of years) {
    if (year > activeLast) break;
    const [from, to] = curve.window.get(year) ?? [task.start, task.end];
    // The first year's money comes with the contract; later years' with the Department's January decision.
    const allocatedOn = workdayOnOrAfter(
      year === yearOf(contract)
        ? contract + randInt(rng, 5, 20)
        : Math.max(contract + 5, startOfYear(year) + randInt(rng, 4, 38)),
    );
    if (allocatedOn > asOf || (stop !== null && allocatedOn >= stop)) break;
    const allocation = bothSources((s) => planned(year, s));
    const allocDoc = book.add(
      "QĐ",
      allocatedOn,
      `Giao dự toán kinh phí năm ${year} thực hiện nhiệm vụ ${task.title}: ${describe(allocation)}`,
      1.2,
    );
    for (const [source, amount] of allocation) {
      move({
        kind: "allocation",
        year,
        source,
        amount,
        day: allocatedOn,
        doc: allocDoc,
        note: null,
        recoveryCause: null,
      });
    }

    // Advances in tranches: on allocation, mid-way through the year's work, and late in it.
    const need = (source: BudgetSource) => spentInYear(curve, year, source);
    const length = to - from;
    let tranches: [Day, bigint][] = [
      [allocatedOn + randInt(rng, 7, 25), 50n],
      [from + Math.floor((length * 45) / 100) + randInt(rng, 0, 10), 35n],
      [from + Math.floor((length * 80) / 100) + randInt(rng, 0, 10), 15n],
    ];
    // A few months of work get their money at once.
    if (length < 120) tranches = [[allocatedOn + randInt(rng, 5, 15), 100n]];
    if (story === "lapse" && year === currentYear) tranches = [[allocatedOn + randInt(rng, 7, 25), 100n]];
    if (story === "ahead" && year === currentYear) tranches = [[allocatedOn + randInt(rng, 5, 12), 100n]];
    const amounts = (["state", "other"] as const).map((source) => {
      let total = need(source);
      // The slow task asked for only its first tranche of the allocation, and spent less still.
      if (story === "lapse" && year === currentYear) total = shareOf(planned(year, source), 30n, 100n, THOUSAND);
      return splitDong(
        total,
        tranches.map(([, w]) => w),
        THOUSAND,
      );
    });
    let previous = allocatedOn;
    tranches.forEach(([nominal], t) => {
      // The year's money is paid within the year's work.
      const day = workdayOnOrBefore(
        Math.min(workdayOnOrAfter(Math.max(nominal, previous + 1)), Math.max(to, previous + 1)),
      );
      previous = day;
      if (day > asOf || (stop !== null && day >= stop)) return;
      const parts = bothSources((s) => amounts[s === "state" ? 0 : 1]?.[t] ?? 0n);
      if (parts.length === 0) return;
      const doc = book.add(
        "QĐ",
        day,
        `Tạm ứng kinh phí đợt ${t + 1} năm ${year} thực hiện nhiệm vụ ${task.title}: ${describe(parts)}`,
        1.2,
      );
      for (const [source, amount] of parts) {
        move({ kind: "advance", year, source, amount, day, doc, note: null, recoveryCause: null });
      }
    });
  }

  // Money taken back after a termination or a failed acceptance (Law 93/2025 spares honest failure).
  const recovered = new Map<number, Dong>();
  const recoveryText = settle?.comment?.match(/Thu hồi ([\d.,]+) triệu đồng/)?.[1];
  if (settle && recoveryText) {
    let left = fromMillions(recoveryText);
    for (const year of [...years].reverse()) {
      const take = minDong(left, paid(year, "state"));
      if (take > 0n) recovered.set(year, take);
      left -= take;
    }
  }

  // Settlements: each year's in the spring after, for what the reports said was spent; a finished
  // task's last years with its final settlement. Exits still awaiting their decision stay open.
  for (const year of years) {
    if (year > activeLast) break;
    let day: Day | null = workdayOnOrAfter(dayNumber(year + 1, 3, 10) + randInt(rng, 0, 50));
    const final = finalDay !== null && (day >= finalDay || year === activeLast);
    if (final) day = finalDay;
    if (day === null || day > asOf) continue;
    if (!final && stop !== null && year === activeLast) continue;
    if ((task.stage === "terminated" || task.stage === "failed") && year === activeLast) continue;
    if (story === "unsettled" && year === currentYear - 1) continue;
    const take = recovered.get(year) ?? 0n;
    const parts = bothSources((s) => {
      const outstanding = paid(year, s) - (s === "state" ? take : 0n);
      // A finished task accounts for everything still out; a running one for what it spent.
      return final ? outstanding : minDong(outstanding, spentInYear(curve, year, s));
    });
    if (parts.length > 0) {
      const doc =
        final && settle
          ? settle.documentId
          : final
            ? book.add(
                "QĐ",
                day,
                `Phê duyệt quyết toán kinh phí thực hiện nhiệm vụ ${task.title}: ${describe(parts)}`,
                1.2,
              )
            : book.add(
                "TB",
                day,
                `Thông báo xét duyệt quyết toán kinh phí năm ${year} nhiệm vụ ${task.title}: ${describe(parts)}`,
                0.6,
              );
      for (const [source, amount] of parts) {
        move({
          kind: "settlement",
          year,
          source,
          amount,
          day,
          doc: doc ?? book.add("QĐ", day, `Phê duyệt quyết toán kinh phí nhiệm vụ ${task.title}`, 1.2),
          note: null,
          recoveryCause: null,
        });
      }
    }
  }
  // Recovered by the settle decision, from the latest years' advances first.
  if (settle) {
    for (const [year, take] of recovered) {
      move({
        kind: "recovery",
        year,
        source: "state",
        amount: take,
        day: settle.day,
        doc: settle.documentId ?? book.add("QĐ", settle.day, `Thu hồi kinh phí nhiệm vụ ${task.title}`, 1.2),
        note: settle.comment,
        recoveryCause: task.steps.has("terminate") ? "terminated" : "failed_acceptance",
      });
    }
  }

  return { lines, revisions, movements, curve };
}

// ---------------------------------------------------------------------------------------------
// Loading and writing

async function loadTasks(db: Kysely<Database>): Promise<TaskFacts[]> {
  const tasks = await db
    .selectFrom("task as t")
    .leftJoin("unit as u", "u.id", "t.former_province_id")
    .select([
      "t.id",
      "t.code",
      "t.title",
      "t.kind",
      "t.regime",
      "t.stage",
      "t.managing_unit_id",
      "t.start_date",
      "t.end_date",
      "t.total_budget",
      "t.state_budget",
      "u.code as province_code",
    ])
    .where("t.start_date", "is not", null)
    .where("t.end_date", "is not", null)
    .orderBy("t.id")
    .execute();
  const steps = await db
    .selectFrom("task_transition as tt")
    .leftJoin("document as d", "d.id", "tt.document_id")
    .select([
      "tt.task_id",
      "tt.action",
      "tt.at",
      "tt.comment",
      "tt.document_id",
      "d.issued_on",
      "d.number",
      "d.doc_type",
      "d.issuer",
    ])
    .orderBy("tt.id")
    .execute();
  const byTask = new Map<number, TaskFacts["steps"]>();
  for (const s of steps) {
    const map = byTask.get(s.task_id) ?? new Map();
    const day = s.issued_on ? parseIsoDate(s.issued_on) : parseIsoDate(s.at.toISOString().slice(0, 10));
    const label = s.number ? `${s.number}/${s.doc_type}-${s.issuer}` : null;
    map.set(s.action, { day, documentId: s.document_id, comment: s.comment, label });
    byTask.set(s.task_id, map);
  }
  const provinces: Record<string, Authority> = { "NAM-DINH": "nam_dinh", "HA-NAM": "ha_nam", "NINH-BINH": "ninh_binh" };
  return tasks.map((t) => ({
    id: t.id,
    code: t.code,
    title: t.title,
    kind: t.kind,
    regime: t.regime,
    stage: t.stage,
    unitId: t.managing_unit_id,
    province: t.province_code ? (provinces[t.province_code] ?? null) : null,
    start: parseIsoDate(t.start_date as string),
    end: parseIsoDate(t.end_date as string),
    total: parseDong(t.total_budget),
    state: parseDong(t.state_budget),
    steps: byTask.get(t.id) ?? new Map(),
  }));
}

/** The stories, dealt once over the running tasks that can tell them. */
function dealStories(tasks: readonly TaskFacts[], asOf: Day): Map<number, Story> {
  const rng = mulberry32(BUDGET_PRNG_SEED);
  const year = yearOf(asOf);
  const running = shuffle(
    rng,
    tasks.filter((t) => t.stage === "in_progress" && t.steps.has("sign_contract")),
  );
  const stories = new Map<number, Story>();
  const deal = (story: Story, n: number, fits: (t: TaskFacts) => boolean) => {
    for (const t of running.filter((t) => !stories.has(t.id) && fits(t)).slice(0, n)) stories.set(t.id, story);
  };
  // Allocated in January, hardly drawn on by November: the year's money will lapse.
  deal("lapse", 2, (t) => yearOf(t.start) < year && yearOf(t.end) > year);
  // Drew and spent the whole year's money early while the work lags.
  deal("ahead", 2, (t) => yearOf(t.start) < year);
  // Last year's advances never accounted for.
  deal("unsettled", 2, (t) => t.start <= dayNumber(year - 1, 6, 30));
  return stories;
}

const chunks = <T>(rows: readonly T[], size = 400): T[][] =>
  Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

/** Numbers the drafts in date order per type and year, around the pace the Department numbers at, past the numbers taken. */
async function numberDocuments(db: Kysely<Database>, drafts: DocDraft[], rng: Rng) {
  const taken = await db
    .selectFrom("document")
    .select(["number", "doc_type", "issued_year"])
    .where((eb) => eb(eb.fn("upper", ["issuer"]), "=", "SKHCN"))
    .execute();
  const used = new Set(taken.map((d) => `${d.doc_type.toUpperCase()}|${d.issued_year}|${d.number}`));
  const last = new Map<string, number>();
  for (const doc of [...drafts].sort((a, b) => a.day - b.day || a.seq - b.seq)) {
    const year = yearOf(doc.day);
    const key = `${doc.docType.toUpperCase()}|${year}`;
    const around = Math.floor((doc.day - startOfYear(year)) * doc.perDay) + randInt(rng, 1, 3);
    let n = Math.max((last.get(key) ?? 0) + 1, around);
    while (used.has(`${key}|${n}`)) n += 1;
    used.add(`${key}|${n}`);
    last.set(key, n);
    doc.number = String(n);
  }
}

export interface DemoBudgetResult {
  tasks: number;
  lines: number;
  movements: number;
  documents: number;
  spending: DemoSpending;
}

/**
 * Plans and moves the money of every demo task with contract dates, once: tasks that already have
 * a plan are left alone. Called after the demo seed, before its report history.
 */
export async function seedDemoBudget(db: Kysely<Database>, opts: { asOf: string }): Promise<DemoBudgetResult> {
  const asOf = parseIsoDate(opts.asOf);
  return db.transaction().execute(async (trx) => {
    const planned = new Set(
      (await trx.selectFrom("budget_line").select("task_id").distinct().execute()).map((r) => r.task_id),
    );
    const tasks = (await loadTasks(trx)).filter((t) => !planned.has(t.id));
    const actors = await trx
      .selectFrom("app_user")
      .select(["id", "email"])
      .where("email", "in", ["staff@demo.khcn.vn", PAPER_RECORDS_ACCOUNT.email])
      .execute();
    const staffId = actors.find((a) => a.email === "staff@demo.khcn.vn")?.id ?? null;
    const paperId = actors.find((a) => a.email === PAPER_RECORDS_ACCOUNT.email)?.id ?? staffId;
    const actorOn = (day: Day) => (day >= MERGER_DAY && staffId !== null ? staffId : paperId);

    const categoriesOf = new Map<string, string[]>();
    const stories = dealStories(tasks, asOf);
    const curves = new Map<number, SpendingCurve>();
    const lines: (Line & { taskId: number })[] = [];
    const revisions: RevisionDraft[] = [];
    const movements: MovementDraft[] = [];
    const book = new DocumentBook();
    for (const task of tasks) {
      const scope = `${task.unitId}|${task.regime}`;
      let categories = categoriesOf.get(scope);
      if (!categories) {
        const parameters = await loadParameters(trx, { unitId: task.unitId, regime: task.regime });
        categories = parameters.get("expense_categories").map((c: ExpenseCategory) => c.code);
        categoriesOf.set(scope, categories);
      }
      book.authority = task.province ?? "merged";
      const built = buildTask(task, categories, stories.get(task.id) ?? "normal", asOf, book);
      curves.set(task.id, built.curve);
      lines.push(...built.lines.map((l) => ({ ...l, taskId: task.id })));
      revisions.push(...built.revisions);
      movements.push(...built.movements);
    }
    const documents = book.drafts;

    await numberDocuments(trx, documents, mulberry32(BUDGET_PRNG_SEED + 1));
    for (const rows of chunks(documents)) {
      const inserted = await trx
        .insertInto("document")
        .values(
          rows.map((d) => ({
            number: d.number,
            doc_type: d.docType,
            issuer: "SKHCN",
            issued_on: isoDate(d.day),
            issued_year: yearOf(d.day),
            year_in_number: false,
            signer: d.signer,
            summary: d.summary,
            file_id: null,
            created_by: actorOn(d.day),
            created_at: officeHours(d.day),
          })),
        )
        .returning(["id", "doc_type", "number", "issued_year"])
        .execute();
      const byKey = new Map(rows.map((d) => [`${d.docType}|${d.number}|${yearOf(d.day)}`, d]));
      for (const row of inserted) {
        const doc = byKey.get(`${row.doc_type}|${row.number}|${row.issued_year}`);
        if (doc) doc.id = row.id;
      }
    }

    for (const rows of chunks(lines)) {
      await trx
        .insertInto("budget_line")
        .values(
          rows.map((l) => ({
            task_id: l.taskId,
            source: l.source,
            year: l.year,
            category: l.category,
            amount: formatDong(l.amount),
          })),
        )
        .execute();
    }
    for (const rows of chunks(revisions, 200)) {
      await trx
        .insertInto("budget_plan_revision")
        .values(
          rows.map((r) => ({
            task_id: r.taskId,
            revision: r.revision,
            reason: r.reason,
            adjustment_request_id: null,
            lines: jsonb(
              r.lines.map((l) => ({
                source: l.source,
                year: l.year,
                category: l.category,
                amount: formatDong(l.amount),
              })),
            ),
            total: formatDong(sumDong(r.lines.map((l) => l.amount))),
            state_total: formatDong(sumDong(r.lines.filter((l) => l.source === "state").map((l) => l.amount))),
            created_by: actorOn(r.day),
            created_at: officeHours(r.day),
          })),
        )
        .execute();
    }
    // In date order, so ids grow with time as if recorded live.
    const ordered = movements
      .map((m, i) => ({ m, i }))
      .sort((a, b) => a.m.day - b.m.day || a.i - b.i)
      .map(({ m }) => m);
    for (const rows of chunks(ordered)) {
      await trx
        .insertInto("budget_movement")
        .values(
          rows.map((m) => {
            const documentId = typeof m.doc === "number" ? m.doc : m.doc.id;
            if (documentId === null) throw new Error(`A ${m.kind} of task ${m.taskId} lost its document`);
            return {
              task_id: m.taskId,
              kind: m.kind,
              year: m.year,
              source: m.source,
              amount: formatDong(m.amount),
              occurred_on: isoDate(m.day),
              document_id: documentId,
              note: m.note,
              recovery_cause: m.recoveryCause,
              created_by: actorOn(m.day),
              created_at: officeHours(m.day),
            };
          }),
        )
        .execute();
    }

    return {
      tasks: new Set(lines.map((l) => l.taskId)).size,
      lines: lines.length,
      movements: movements.length,
      documents: documents.length,
      spending: spendingOf(curves),
    };
  });
}

function spendingOf(curves: ReadonlyMap<number, SpendingCurve>): DemoSpending {
  return {
    between(taskId, from, to) {
      const curve = curves.get(taskId);
      if (!curve) return null;
      const after = spentThrough(curve, parseIsoDate(to));
      const before = from === null ? new Map<LineKey, Dong>() : spentThrough(curve, parseIsoDate(from));
      return [...after].map(([key, amount]) => {
        const [source, category] = key.split("|") as [BudgetSource, string];
        return { source, category, amount: amount - (before.get(key) ?? 0n) };
      });
    },
    progressPerMille: (taskId) => curves.get(taskId)?.progressPerMille ?? 1000,
  };
}
