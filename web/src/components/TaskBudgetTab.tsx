import type { TaskDetail } from "@khcn/api/tasks/schemas";
import { createMemo, createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import {
  type BudgetMovement,
  type BudgetTable,
  type BudgetView,
  type BudgetWarning,
  budgetExportHref,
  getBudget,
} from "../api/budget.ts";
import { type PlanGrid, planGrid, planYears, SOURCES } from "../budget-plan.ts";
import { describeError } from "../errors.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { moneyUnit } from "../money-unit.ts";
import "../budget.css";
import { BudgetMovementForm } from "./BudgetMovementForm.tsx";
import { BudgetPlanEditor } from "./BudgetPlanEditor.tsx";
import { BudgetScrollTable } from "./BudgetScrollTable.tsx";
import { DocumentLine } from "./DocumentFields.tsx";
import { MoneyUnitToggle } from "./MoneyUnitToggle.tsx";
import { Section } from "./Section.tsx";
import { ErrorNotice, Loading } from "./Status.tsx";

/**
 * The task's money: the approved plan by source × year × category (staff edit it), the burn by
 * year with the forecast's warnings, the allocations, advances, settlements and recoveries with
 * their documents (staff record them), the plan's revisions, and each table as a spreadsheet.
 */
export function TaskBudgetTab(props: { task: TaskDetail }) {
  const { t, message } = useI18n();
  const [budget, { mutate, refetch }] = createResource(() => props.task.id, getBudget);
  const view = (): BudgetView | undefined =>
    budget.state === "ready" || budget.state === "refreshing" ? budget.latest : undefined;
  const [notice, setNotice] = createSignal("");

  return (
    <div class="budget-tab">
      <p class="notice notice--success" role="status" classList={{ "is-empty": !notice() }}>
        {notice()}
      </p>
      <Switch>
        <Match when={budget.error && !budget.loading}>
          <ErrorNotice
            title={t("budget.loadFailed")}
            message={message(describeError(budget.error))}
            onRetry={refetch}
          />
        </Match>
        <Match when={view()}>
          {(v) => (
            <>
              <Show when={!v().permissions.canEditPlan && !v().permissions.canRecordMovement}>
                <p class="muted no-print">{t("budget.readOnly")}</p>
              </Show>
              <PlanSection
                task={props.task}
                view={v()}
                onSaved={(next) => {
                  mutate(next);
                  setNotice(t("budget.editor.saved", { revision: String(next.version) }));
                }}
                onStale={() => void refetch()}
                onEditing={() => setNotice("")}
              />
              <YearsSection view={v()} />
              <MovementsSection
                task={props.task}
                view={v()}
                onRecorded={(next, text) => {
                  mutate(next);
                  setNotice(text);
                }}
                onEditing={() => setNotice("")}
              />
              <RevisionsSection view={v()} />
            </>
          )}
        </Match>
        <Match when={true}>
          <Loading />
        </Match>
      </Switch>
    </div>
  );
}

/** Links that download one table as XLSX or CSV from the export route. */
function ExportLinks(props: { taskId: number; table: BudgetTable }) {
  const { t } = useI18n();
  const label = () => t("budget.export.label", { table: t(`budget.export.table.${props.table}`) });
  return (
    <p class="budget-export no-print">
      <a
        class="button button--small"
        href={budgetExportHref(props.taskId, props.table, "xlsx")}
        download=""
        aria-label={`${label()} (XLSX)`}
      >
        {t("budget.export.xlsx")}
      </a>
      <a
        class="button button--small"
        href={budgetExportHref(props.taskId, props.table, "csv")}
        download=""
        aria-label={`${label()} (CSV)`}
      >
        {t("budget.export.csv")}
      </a>
    </p>
  );
}

function PlanSection(props: {
  task: TaskDetail;
  view: BudgetView;
  onSaved: (next: BudgetView) => void;
  onStale: () => void;
  onEditing: () => void;
}) {
  const { t, locale } = useI18n();
  const format = useFormat();
  const [editing, setEditing] = createSignal(false);
  let editButton: HTMLButtonElement | undefined;
  const years = createMemo(() => planYears(props.task.startDate, props.task.endDate, props.view.lines));
  const grids = createMemo(() =>
    SOURCES.map((source) => planGrid(props.view, years(), source)).filter(
      (g) => g.source === "state" || g.total > 0n || BigInt(props.view.totalBudget) > BigInt(props.view.stateBudget),
    ),
  );
  const categoryName = (code: string | null) => {
    if (code === null) return t("budget.plan.uncategorised");
    const category = props.view.categories.find((c) => c.code === code);
    return category ? (locale() === "vi" ? category.nameVi : category.nameEn) : code;
  };

  return (
    <Section
      title={t("budget.plan.title")}
      class="budget-plan"
      actions={
        <div class="budget-actions">
          <MoneyUnitToggle />
          <Show when={props.view.permissions.canEditPlan && !editing() && years().length > 0}>
            <button
              type="button"
              class="button button--primary no-print"
              ref={editButton}
              onClick={() => {
                props.onEditing();
                setEditing(true);
              }}
            >
              {t("budget.plan.edit")}
            </button>
          </Show>
        </div>
      }
    >
      <p class="muted">{t("budget.plan.intro")}</p>
      <dl class="budget-approved">
        <div>
          <dt>{t("budget.plan.approved")}</dt>
          <dd class="money">{format.money(props.view.totalBudget)}</dd>
        </div>
        <div>
          <dt>{t("budget.source.state")}</dt>
          <dd class="money">{format.money(props.view.stateBudget)}</dd>
        </div>
        <div>
          <dt>{t("budget.source.other")}</dt>
          <dd class="money">
            {format.money((BigInt(props.view.totalBudget) - BigInt(props.view.stateBudget)).toString())}
          </dd>
        </div>
      </dl>
      <Show
        when={editing()}
        fallback={
          <Show
            when={props.view.lines.length > 0}
            fallback={<p class="muted">{years().length > 0 ? t("budget.plan.empty") : t("budget.plan.noYears")}</p>}
          >
            <p
              class="notice"
              classList={{ "notice--info": props.view.balanced, "notice--error": !props.view.balanced }}
              role="note"
            >
              {props.view.balanced ? t("budget.plan.balanced") : t("budget.plan.unbalanced")}
            </p>
            <p class="muted budget-unit">
              {t("budget.unitNote", {
                unit: t(moneyUnit() === "million" ? "money.millionUnit" : "money.dongUnit"),
              })}
            </p>
            <For each={grids()}>{(grid) => <PlanTable grid={grid} categoryName={categoryName} />}</For>
            <Show when={grids().length > 1}>
              <p class="budget-grand-total">
                {t("budget.plan.grandTotal")}: <span class="money">{format.money(props.view.totals.total)}</span>
              </p>
            </Show>
            <ExportLinks taskId={props.task.id} table="plan" />
          </Show>
        }
      >
        <BudgetPlanEditor
          task={props.task}
          view={props.view}
          years={years()}
          categoryName={categoryName}
          onCancel={() => {
            setEditing(false);
            queueMicrotask(() => editButton?.focus());
          }}
          onSaved={(next) => {
            setEditing(false);
            props.onSaved(next);
          }}
          onStale={props.onStale}
        />
      </Show>
    </Section>
  );
}

function PlanTable(props: { grid: PlanGrid; categoryName: (code: string | null) => string }) {
  const { t } = useI18n();
  const format = useFormat();
  const amount = (value: bigint) => format.moneyAmount(value.toString());
  const source = () => t(`budget.source.${props.grid.source}`);
  return (
    <div class="budget-block">
      <h3 class="subheading">{source()}</h3>
      <BudgetScrollTable label={t("budget.plan.tableLabel", { source: source() })}>
        <table class="budget-table">
          <thead>
            <tr>
              <th scope="col">{t("budget.plan.category")}</th>
              <For each={props.grid.years}>
                {(year) => (
                  <th scope="col" class="num">
                    {year}
                  </th>
                )}
              </For>
              <th scope="col" class="num">
                {t("budget.plan.total")}
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={props.grid.rows}>
              {(row) => (
                <tr>
                  <th scope="row">{props.categoryName(row.category)}</th>
                  <For each={row.amounts}>{(value) => <td class="num">{amount(value)}</td>}</For>
                  <td class="num total">{amount(row.total)}</td>
                </tr>
              )}
            </For>
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("budget.plan.total")}</th>
              <For each={props.grid.yearTotals}>{(value) => <td class="num">{amount(value)}</td>}</For>
              <td class="num total">{amount(props.grid.total)}</td>
            </tr>
          </tfoot>
        </table>
      </BudgetScrollTable>
    </div>
  );
}

const YEAR_COLUMNS = [
  "approved",
  "allocated",
  "advanced",
  "settled",
  "recovered",
  "outstandingAdvance",
  "unallocated",
] as const;
type YearColumn = (typeof YEAR_COLUMNS)[number];
const COLUMN_LABEL: Record<YearColumn, string> = {
  approved: "budget.years.approved",
  allocated: "budget.years.allocated",
  advanced: "budget.years.advanced",
  settled: "budget.years.settled",
  recovered: "budget.years.recovered",
  outstandingAdvance: "budget.years.outstanding",
  unallocated: "budget.years.unallocated",
};

function YearsSection(props: { view: BudgetView }) {
  const { t } = useI18n();
  const format = useFormat();
  const amount = (value: string) => format.moneyAmount(value);
  const total = (column: YearColumn) => props.view.years.reduce((sum, y) => sum + BigInt(y[column]), 0n).toString();
  const forecast = () => props.view.forecast;
  const percent = (value: number | null) =>
    value === null ? t("budget.forecast.noProgress") : `${format.number(Math.round(value * 10) / 10)} %`;
  const label = (column: YearColumn) => t(COLUMN_LABEL[column] as "budget.years.approved");

  return (
    <Section title={t("budget.years.title")} class="budget-years">
      <Show when={props.view.years.length > 0} fallback={<p class="muted">{t("budget.years.empty")}</p>}>
        <BudgetScrollTable label={t("budget.years.tableLabel")}>
          <table class="budget-table">
            <thead>
              <tr>
                <th scope="col">{t("budget.years.year")}</th>
                <For each={YEAR_COLUMNS}>
                  {(column) => (
                    <th scope="col" class="num">
                      {label(column)}
                    </th>
                  )}
                </For>
              </tr>
            </thead>
            <tbody>
              <For each={props.view.years}>
                {(year) => (
                  <tr>
                    <th scope="row">{year.year}</th>
                    <For each={YEAR_COLUMNS}>
                      {(column) => (
                        <td
                          class="num"
                          classList={{ "is-risk": column === "outstandingAdvance" && BigInt(year[column]) > 0n }}
                        >
                          {amount(year[column])}
                        </td>
                      )}
                    </For>
                  </tr>
                )}
              </For>
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("budget.plan.total")}</th>
                <For each={YEAR_COLUMNS}>{(column) => <td class="num">{amount(total(column))}</td>}</For>
              </tr>
            </tfoot>
          </table>
        </BudgetScrollTable>
        <ExportLinks taskId={props.view.taskId} table="years" />
      </Show>

      <h3 class="subheading">{t("budget.forecast.title")}</h3>
      <dl class="budget-approved">
        <div>
          <dt>{t("budget.forecast.progress")}</dt>
          <dd>{percent(forecast().physicalProgress)}</dd>
        </div>
        <div>
          <dt>{t("budget.forecast.spent")}</dt>
          <dd>{percent(forecast().spentShare)}</dd>
        </div>
      </dl>
      <Show when={forecast().projectedYearEnd}>
        {(p) => (
          <p>
            {t("budget.forecast.projected", {
              year: String(p().year),
              advanced: format.money(p().projectedAdvanced),
              allocated: format.money(p().allocated),
            })}
            <Show when={BigInt(p().projectedLapse) > 0n}>
              {" — "}
              <strong>{t("budget.forecast.lapse", { amount: format.money(p().projectedLapse) })}</strong>
            </Show>
          </p>
        )}
      </Show>
      <Show when={forecast().warnings.length > 0} fallback={<p class="muted">{t("budget.forecast.noWarnings")}</p>}>
        <ul class="budget-warnings">
          <For each={forecast().warnings}>{(w) => <WarningItem warning={w} />}</For>
        </ul>
      </Show>
    </Section>
  );
}

function WarningItem(props: { warning: BudgetWarning }) {
  const { t } = useI18n();
  const format = useFormat();
  return (
    <li class="notice notice--warn budget-warning">
      {t(`budget.forecast.warning.${props.warning.code}`, {
        year: props.warning.year === undefined ? "" : String(props.warning.year),
        amount: props.warning.amount
          ? t("budget.forecast.amountSuffix", { amount: format.money(props.warning.amount) })
          : "",
      })}
    </li>
  );
}

function MovementsSection(props: {
  task: TaskDetail;
  view: BudgetView;
  onRecorded: (next: BudgetView, notice: string) => void;
  onEditing: () => void;
}) {
  const { t } = useI18n();
  const format = useFormat();
  const [formOpen, setFormOpen] = createSignal(false);
  let openButton: HTMLButtonElement | undefined;
  const years = createMemo(() => planYears(props.task.startDate, props.task.endDate, props.view.lines));

  return (
    <Section
      title={t("budget.movements.title")}
      class="budget-movements"
      actions={
        <Show when={props.view.permissions.canRecordMovement && !formOpen() && years().length > 0}>
          <button
            type="button"
            class="button button--primary no-print"
            ref={openButton}
            onClick={() => {
              props.onEditing();
              setFormOpen(true);
            }}
          >
            {t("budget.movements.record")}
          </button>
        </Show>
      }
    >
      <Show when={formOpen()}>
        <BudgetMovementForm
          taskId={props.task.id}
          years={years()}
          onCancel={() => {
            setFormOpen(false);
            queueMicrotask(() => openButton?.focus());
          }}
          onDone={(next, body) => {
            setFormOpen(false);
            props.onRecorded(
              next,
              t("budget.movements.recorded", {
                kind: t(`budget.movements.kindValue.${body.kind}`).toLocaleLowerCase(),
                amount: format.money(String(body.amount)),
              }),
            );
          }}
        />
      </Show>
      <Show when={props.view.movements.length > 0} fallback={<p class="muted">{t("budget.movements.empty")}</p>}>
        <BudgetScrollTable label={t("budget.movements.tableLabel")}>
          <table class="budget-table budget-table--ledger">
            <thead>
              <tr>
                <th scope="col">{t("budget.movements.occurredOn")}</th>
                <th scope="col">{t("budget.movements.kind")}</th>
                <th scope="col" class="num">
                  {t("budget.movements.year")}
                </th>
                <th scope="col">{t("budget.movements.source")}</th>
                <th scope="col" class="num">
                  {t("budget.movements.amount")}
                </th>
                <th scope="col">{t("budget.movements.document")}</th>
                <th scope="col">{t("budget.movements.note")}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.view.movements}>{(m) => <MovementRow movement={m} />}</For>
            </tbody>
          </table>
        </BudgetScrollTable>
        <ExportLinks taskId={props.task.id} table="movements" />
      </Show>
    </Section>
  );
}

function MovementRow(props: { movement: BudgetMovement }) {
  const { t } = useI18n();
  const format = useFormat();
  const m = () => props.movement;
  return (
    <tr>
      <td class="nowrap">{format.date(m().occurredOn)}</td>
      <td>
        <span class={`tag budget-kind budget-kind--${m().kind}`}>{t(`budget.movements.kindValue.${m().kind}`)}</span>
      </td>
      <td class="num">{m().year}</td>
      <td>{t(`budget.source.${m().source}`)}</td>
      <td class="num">{format.moneyAmount(m().amount)}</td>
      <td>
        <Show when={m().document} fallback={t("common.notSet")}>
          {(d) => <DocumentLine document={d()} />}
        </Show>
      </td>
      <td>
        <Show when={m().recoveryCause}>
          {(cause) => <span class="budget-cause">{t(`budget.movements.cause.${cause()}`)}. </span>}
        </Show>
        {m().note ?? ""}
      </td>
    </tr>
  );
}

function RevisionsSection(props: { view: BudgetView }) {
  const { t } = useI18n();
  const format = useFormat();
  const newestFirst = () => [...props.view.revisions].sort((a, b) => b.revision - a.revision);
  return (
    <Section title={t("budget.revisions.title")} class="budget-revisions">
      <Show when={props.view.revisions.length > 0} fallback={<p class="muted">{t("budget.revisions.empty")}</p>}>
        <ol class="plain-list budget-revision-list">
          <For each={newestFirst()}>
            {(r) => (
              <li class="budget-revision">
                <p class="budget-revision__head">
                  <strong>{t("budget.revisions.item", { revision: String(r.revision) })}</strong>
                  <span class="muted">
                    {" · "}
                    {t("budget.revisions.by", {
                      name: r.createdBy ?? t("common.notSet"),
                      at: format.dateTime(r.createdAt),
                    })}
                  </span>
                  {" · "}
                  {t("budget.revisions.total", { amount: format.money(r.total) })}
                </p>
                <p class="prose">{r.reason}</p>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </Section>
  );
}
