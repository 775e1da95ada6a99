import type { TaskDetail } from "@khcn/api/tasks/schemas";
import { createEffect, createMemo, createSignal, createUniqueId, For, on, Show } from "solid-js";
import { type BudgetView, saveBudgetPlan } from "../api/budget.ts";
import { ApiError } from "../api/client.ts";
import { type PlanErrors, planErrors } from "../budget-errors.ts";
import {
  type BalanceRow,
  cellKey,
  convertTexts,
  editorCells,
  editorTexts,
  planBalance,
  planCategories,
  readEditor,
  SOURCES,
} from "../budget-plan.ts";
import { describeError, type UserMessage } from "../errors.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { moneyUnit } from "../money-unit.ts";
import "../progress.css";
import { BudgetScrollTable } from "./BudgetScrollTable.tsx";
import { FormField } from "./FormField.tsx";

const PROBLEM_KEY = {
  format: "errors.moneyFormat",
  whole: "errors.moneyFormat",
  tooLarge: "errors.fieldInvalid",
} as const;

/**
 * The plan as a grid of inputs in the unit the reader chose (`1.250,5` triệu đồng), with running
 * totals and the difference from the approved budget; saved as the next revision with a reason.
 */
export function BudgetPlanEditor(props: {
  task: TaskDetail;
  view: BudgetView;
  years: number[];
  categoryName: (code: string | null) => string;
  onCancel: () => void;
  onSaved: (next: BudgetView) => void;
  onStale: () => void;
}) {
  const { t, locale, message } = useI18n();
  const format = useFormat();
  const headingId = createUniqueId();
  const categories = createMemo(() => planCategories(props.view.categories, props.view.lines));
  const sources = () =>
    SOURCES.filter(
      (s) =>
        s === "state" ||
        BigInt(props.view.totalBudget) > BigInt(props.view.stateBudget) ||
        props.view.lines.some((l) => l.source === s),
    );
  const cells = createMemo(() => editorCells(categories(), props.years, sources()));
  const [texts, setTexts] = createSignal<Record<string, string>>(editorTexts(props.view.lines, moneyUnit(), locale()));
  const [reason, setReason] = createSignal("");
  const [errors, setErrors] = createSignal<PlanErrors>({ cells: {}, balance: null, reason: null, other: null });
  const [stale, setStale] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const inputs = new Map<string, HTMLElement>();
  let reasonInput: HTMLTextAreaElement | undefined;
  let balanceNote: HTMLDivElement | undefined;

  // The reader may switch between đồng and triệu đồng mid-way: what they typed is rewritten, not lost.
  createEffect(
    on(
      moneyUnit,
      (unit, previous) => {
        if (previous && previous !== unit) setTexts((current) => convertTexts(current, previous, unit, locale()));
      },
      { defer: false },
    ),
  );

  const reading = createMemo(() => readEditor(cells(), texts(), moneyUnit(), locale()));
  const balance = createMemo(() =>
    planBalance(reading().planned, { total: props.view.totalBudget, state: props.view.stateBudget }),
  );
  const cellError = (key: string): UserMessage | undefined => {
    const problem = reading().problems[key];
    return problem ? { key: PROBLEM_KEY[problem] } : errors().cells[key];
  };
  const sumOf = (predicate: (c: { source: string; year: number; category: string | null }) => boolean) => {
    let sum = 0n;
    reading().lines.forEach((line) => {
      if (predicate(line)) sum += BigInt(line.amount);
    });
    return format.moneyAmount(sum.toString());
  };

  const focusFirstError = (found: PlanErrors) => {
    const cell = cells().find((c) => found.cells[cellKey(c)] || reading().problems[cellKey(c)]);
    if (cell) inputs.get(cellKey(cell))?.focus();
    else if (found.reason) reasonInput?.focus();
    else if (found.balance) balanceNote?.focus();
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setStale(false);
    const read = reading();
    const found: PlanErrors = { cells: {}, balance: null, reason: null, other: null };
    if (!reason().trim()) found.reason = { key: "budget.errors.reasonRequired" };
    if (Object.keys(read.problems).length > 0 || found.reason) {
      setErrors(found);
      focusFirstError(found);
      return;
    }
    setBusy(true);
    try {
      const next = await saveBudgetPlan(props.task.id, {
        version: props.view.version,
        reason: reason().trim(),
        lines: read.lines,
      });
      setBusy(false);
      props.onSaved(next);
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.code === "STALE_VERSION") {
        setStale(true);
        return;
      }
      const refused = planErrors(error, read.cellOfLine);
      if (!refused.other && !refused.balance && !refused.reason && Object.keys(refused.cells).length === 0) {
        refused.other = describeError(error);
      }
      setErrors(refused);
      focusFirstError(refused);
    }
  };

  const differenceText = (row: BalanceRow) => {
    if (row.difference === 0n) return t("budget.editor.matches");
    const amount = format.money((row.difference > 0n ? row.difference : -row.difference).toString());
    return row.difference > 0n ? t("budget.editor.over", { amount }) : t("budget.editor.short", { amount });
  };
  const unitName = () => t(moneyUnit() === "million" ? "money.millionUnit" : "money.dongUnit");

  return (
    <form class="inline-form budget-editor" noValidate onSubmit={submit} aria-labelledby={headingId}>
      <h3 id={headingId} class="inline-form__title">
        {t("budget.editor.title")}
      </h3>
      <div role="alert" class="alert-slot">
        <Show when={stale()}>
          <div class="notice notice--error">
            <p>{t("budget.editor.stale")}</p>
            <button type="button" class="button" onClick={props.onStale}>
              {t("budget.editor.reload")}
            </button>
          </div>
        </Show>
        <Show when={errors().other}>{(p) => <p class="notice notice--error">{message(p())}</p>}</Show>
      </div>
      <p class="field__hint">
        {t("budget.editor.hint", {
          unit: unitName(),
          example: moneyUnit() === "million" ? "1.250,5" : "1.250.500.000",
        })}
      </p>
      <For each={sources()}>
        {(source) => (
          <div class="budget-block">
            <h4 class="subheading">{t(`budget.source.${source}`)}</h4>
            <BudgetScrollTable label={t("budget.plan.tableLabel", { source: t(`budget.source.${source}`) })}>
              <table class="budget-table budget-table--edit">
                <thead>
                  <tr>
                    <th scope="col">{t("budget.plan.category")}</th>
                    <For each={props.years}>
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
                  <For each={categories()}>
                    {(category) => (
                      <tr>
                        <th scope="row">{props.categoryName(category)}</th>
                        <For each={props.years}>
                          {(year) => {
                            const key = cellKey({ source, year, category });
                            const errorId = createUniqueId();
                            return (
                              <td class="num">
                                <input
                                  ref={(el) => inputs.set(key, el)}
                                  class="field__control field__control--money"
                                  inputmode="decimal"
                                  autocomplete="off"
                                  aria-label={t("budget.editor.cellLabel", {
                                    source: t(`budget.source.${source}`),
                                    year: String(year),
                                    category: props.categoryName(category),
                                  })}
                                  aria-invalid={cellError(key) ? true : undefined}
                                  aria-describedby={cellError(key) ? errorId : undefined}
                                  value={texts()[key] ?? ""}
                                  onInput={(e) => {
                                    const value = e.currentTarget.value;
                                    setTexts((current) => ({ ...current, [key]: value }));
                                  }}
                                />
                                <Show when={cellError(key)}>
                                  {(problem) => (
                                    <span id={errorId} class="field__error">
                                      {message(problem())}
                                    </span>
                                  )}
                                </Show>
                              </td>
                            );
                          }}
                        </For>
                        <td class="num total">{sumOf((l) => l.source === source && l.category === category)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t("budget.plan.total")}</th>
                    <For each={props.years}>
                      {(year) => <td class="num">{sumOf((l) => l.source === source && l.year === year)}</td>}
                    </For>
                    <td class="num total">{sumOf((l) => l.source === source)}</td>
                  </tr>
                </tfoot>
              </table>
            </BudgetScrollTable>
          </div>
        )}
      </For>

      <div
        ref={balanceNote}
        tabindex="-1"
        class="budget-balance"
        classList={{ "is-invalid": !!errors().balance }}
        aria-live="polite"
      >
        <Show when={errors().balance}>{(p) => <p class="field__error">{message(p())}</p>}</Show>
        <table class="budget-table budget-table--balance">
          <thead>
            <tr>
              <th scope="col">{t("budget.movements.source")}</th>
              <th scope="col" class="num">
                {t("budget.editor.planned")}
              </th>
              <th scope="col" class="num">
                {t("budget.plan.approved")}
              </th>
              <th scope="col">{t("budget.editor.difference")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={balance()}>
              {(row) => (
                <tr classList={{ "is-off": row.difference !== 0n }}>
                  <th scope="row">
                    {row.source === "total" ? t("budget.plan.grandTotal") : t(`budget.source.${row.source}`)}
                  </th>
                  <td class="num">{format.money(row.planned.toString())}</td>
                  <td class="num">{format.money(row.approved.toString())}</td>
                  <td>{differenceText(row)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>

      <FormField
        label={t("budget.editor.reason")}
        required
        hint={t("budget.editor.reasonHint")}
        error={errors().reason ?? undefined}
        control={(attrs) => (
          <textarea
            ref={reasonInput}
            id={attrs.id}
            class="field__control"
            rows={2}
            maxLength={4000}
            aria-invalid={attrs.invalid}
            aria-describedby={attrs.describedBy}
            value={reason()}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        )}
      />
      <div class="form-actions">
        <button type="submit" class="button button--primary" disabled={busy()}>
          {busy() ? t("budget.editor.saving") : t("budget.editor.save")}
        </button>
        <button type="button" class="button" onClick={props.onCancel}>
          {t("budget.editor.cancel")}
        </button>
      </div>
    </form>
  );
}
