import { createSignal, createUniqueId, For, Show } from "solid-js";
import {
  type BudgetSource,
  type BudgetView,
  type MovementKind,
  type RecordMovementBody,
  type RecoveryCause,
  recordMovement,
} from "../api/budget.ts";
import { ApiError } from "../api/client.ts";
import { movementErrors } from "../budget-errors.ts";
import { SOURCES } from "../budget-plan.ts";
import { describeError, type UserMessage } from "../errors.ts";
import type { FieldErrors } from "../field-errors.ts";
import { todayInVietnam } from "../format.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { newIdempotencyKey } from "../idempotency-key.ts";
import { parseMoneyInput } from "../money-input.ts";
import { moneyUnit } from "../money-unit.ts";
import "../progress.css";
import { createDocumentDraft, DocumentFields, documentFieldOrder } from "./DocumentFields.tsx";
import { FormField } from "./FormField.tsx";

const KINDS: readonly MovementKind[] = ["allocation", "advance", "settlement", "recovery"];
const CAUSES: readonly RecoveryCause[] = ["unspent", "unjustified", "failed_acceptance", "terminated", "other"];

/**
 * Records one allocation, advance, settlement or recovery with its document. The rules refuse an
 * amount beyond what the year and source allow; the refusal is shown at the amount, with the limit.
 */
export function BudgetMovementForm(props: {
  taskId: number;
  years: readonly number[];
  onCancel: () => void;
  onDone: (next: BudgetView, body: RecordMovementBody) => void;
}) {
  const { t, locale, message } = useI18n();
  const format = useFormat();
  const today = todayInVietnam();
  const headingId = createUniqueId();
  const currentYear = Number(today.slice(0, 4));
  const [kind, setKind] = createSignal<MovementKind>("advance");
  const [year, setYear] = createSignal(
    props.years.includes(currentYear) ? currentYear : (props.years[props.years.length - 1] ?? currentYear),
  );
  const [source, setSource] = createSignal<BudgetSource>("state");
  const [amount, setAmount] = createSignal("");
  const [occurredOn, setOccurredOn] = createSignal(today);
  const [cause, setCause] = createSignal<RecoveryCause | "">("");
  const [note, setNote] = createSignal("");
  const document = createDocumentDraft("document.");
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [problem, setProblem] = createSignal<UserMessage | null>(null);
  const [busy, setBusy] = createSignal(false);
  const controls = new Map<string, HTMLElement>();
  const register = (field: string) => (el: HTMLElement) => controls.set(field, el);
  const order = () => [
    "kind",
    "year",
    "source",
    "amount",
    "occurredOn",
    "recoveryCause",
    "note",
    ...documentFieldOrder("document."),
  ];
  const focusFirst = (found: FieldErrors) => {
    const first = order().find((f) => found[f] && controls.has(f));
    if (first) controls.get(first)?.focus();
    return first !== undefined;
  };

  const validate = (): { found: FieldErrors; dong: bigint | null } => {
    const found: FieldErrors = { ...document.validate() };
    const read = parseMoneyInput(amount(), moneyUnit(), locale());
    let dong: bigint | null = null;
    if (read === null) found.amount = { key: "budget.errors.amountRequired" };
    else if (!read.ok) found.amount = { key: "errors.moneyFormat" };
    else if (read.dong <= 0n) found.amount = { key: "budget.errors.amountPositive" };
    else dong = read.dong;
    if (!occurredOn()) found.occurredOn = { key: "errors.fieldRequired" };
    else if (occurredOn() > today) found.occurredOn = { key: "budget.errors.dateFuture" };
    if (kind() === "recovery" && !cause()) found.recoveryCause = { key: "budget.errors.causeRequired" };
    return { found, dong };
  };

  // Kept while an answer may have been lost (network failure), renewed once the server has answered.
  let attemptKey: string | undefined;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy() || document.uploading()) return;
    setProblem(null);
    const { found, dong } = validate();
    setErrors(found);
    if (Object.keys(found).length > 0 || dong === null) {
      if (!focusFirst(found)) setProblem({ key: "errors.VALIDATION_FAILED" });
      return;
    }
    const body: RecordMovementBody = {
      kind: kind(),
      year: year(),
      source: source(),
      amount: dong.toString(),
      occurredOn: occurredOn(),
      document: document.body(),
      ...(note().trim() ? { note: note().trim() } : {}),
      ...(kind() === "recovery" && cause() ? { recoveryCause: cause() as RecoveryCause } : {}),
    };
    setBusy(true);
    try {
      attemptKey ??= newIdempotencyKey();
      const next = await recordMovement(props.taskId, body, attemptKey);
      attemptKey = undefined;
      setBusy(false);
      props.onDone(next, body);
    } catch (error) {
      if (error instanceof ApiError && error.status > 0) attemptKey = undefined;
      setBusy(false);
      if (error instanceof ApiError && error.code === "DUPLICATE_DOCUMENT_NUMBER") {
        const taken = {
          "document.number": {
            key: "errors.numberTaken" as const,
            params: { number: document.number(), year: document.issuedOn().slice(0, 4) },
          },
        };
        setErrors(taken);
        focusFirst(taken);
        return;
      }
      const refused = movementErrors(error, (dong) => format.money(dong));
      setErrors(refused);
      if (!focusFirst(refused)) setProblem(Object.values(refused)[0] ?? describeError(error));
    }
  };

  const select =
    <T extends string | number>(
      field: string,
      value: () => T,
      set: (v: T) => void,
      options: readonly T[],
      label: (v: T) => string,
      parse: (raw: string) => T,
    ) =>
    (attrs: { id: string; invalid: true | undefined; describedBy: string | undefined }) => (
      <select
        ref={register(field)}
        id={attrs.id}
        class="field__control"
        aria-invalid={attrs.invalid}
        aria-describedby={attrs.describedBy}
        onChange={(e) => set(parse(e.currentTarget.value))}
      >
        <For each={options}>
          {(option) => (
            <option value={String(option)} selected={value() === option}>
              {label(option)}
            </option>
          )}
        </For>
      </select>
    );

  return (
    <form class="inline-form budget-movement-form" noValidate onSubmit={submit} aria-labelledby={headingId}>
      <h3 id={headingId} class="inline-form__title">
        {t("budget.movements.formTitle")}
      </h3>
      <div role="alert" class="alert-slot">
        <Show when={problem()}>{(p) => <p class="notice notice--error">{message(p())}</p>}</Show>
      </div>
      <div class="form-grid">
        <FormField
          label={t("budget.movements.kind")}
          required
          error={errors().kind}
          control={select(
            "kind",
            kind,
            setKind,
            KINDS,
            (k) => t(`budget.movements.kindValue.${k}`),
            (raw) => raw as MovementKind,
          )}
        />
        <FormField
          label={t("budget.movements.year")}
          required
          error={errors().year}
          control={select("year", year, setYear, props.years, (y) => String(y), Number)}
        />
        <FormField
          label={t("budget.movements.source")}
          required
          error={errors().source}
          control={select(
            "source",
            source,
            setSource,
            SOURCES,
            (s) => t(`budget.source.${s}`),
            (raw) => raw as BudgetSource,
          )}
        />
        <FormField
          label={`${t("budget.movements.amount")} (${t(moneyUnit() === "million" ? "money.millionUnit" : "money.dongUnit")})`}
          required
          hint={t("budget.editor.hint", {
            unit: t(moneyUnit() === "million" ? "money.millionUnit" : "money.dongUnit"),
            example: moneyUnit() === "million" ? "1.250,5" : "1.250.500.000",
          })}
          error={errors().amount}
          control={(attrs) => (
            <input
              ref={register("amount")}
              id={attrs.id}
              class="field__control field__control--money"
              inputmode="decimal"
              autocomplete="off"
              aria-invalid={attrs.invalid}
              aria-describedby={attrs.describedBy}
              value={amount()}
              onInput={(e) => setAmount(e.currentTarget.value)}
            />
          )}
        />
        <FormField
          label={t("budget.movements.occurredOn")}
          required
          error={errors().occurredOn}
          control={(attrs) => (
            <input
              ref={register("occurredOn")}
              id={attrs.id}
              type="date"
              max={today}
              class="field__control"
              aria-invalid={attrs.invalid}
              aria-describedby={attrs.describedBy}
              value={occurredOn()}
              onInput={(e) => setOccurredOn(e.currentTarget.value)}
            />
          )}
        />
        <Show when={kind() === "recovery"}>
          <FormField
            label={t("budget.movements.recoveryCause")}
            required
            error={errors().recoveryCause}
            control={(attrs) => (
              <select
                ref={register("recoveryCause")}
                id={attrs.id}
                class="field__control"
                aria-invalid={attrs.invalid}
                aria-describedby={attrs.describedBy}
                onChange={(e) => setCause(e.currentTarget.value as RecoveryCause | "")}
              >
                <option value="" selected={cause() === ""}>
                  {t("budget.movements.chooseCause")}
                </option>
                <For each={CAUSES}>
                  {(c) => (
                    <option value={c} selected={cause() === c}>
                      {t(`budget.movements.cause.${c}`)}
                    </option>
                  )}
                </For>
              </select>
            )}
          />
        </Show>
        <FormField
          label={t("budget.movements.note")}
          error={errors().note}
          class="form-grid__wide"
          control={(attrs) => (
            <textarea
              ref={register("note")}
              id={attrs.id}
              class="field__control"
              rows={2}
              maxLength={2000}
              aria-invalid={attrs.invalid}
              aria-describedby={attrs.describedBy}
              value={note()}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          )}
        />
      </div>
      <DocumentFields
        draft={document}
        legend={t("budget.movements.documentLegend")}
        errors={errors()}
        register={register}
      />
      <div class="inline-form__actions">
        <button type="submit" class="button button--primary" disabled={busy()}>
          {busy() ? t("budget.movements.saving") : t("budget.movements.save")}
        </button>
        <button type="button" class="button" onClick={props.onCancel}>
          {t("budget.movements.cancel")}
        </button>
      </div>
    </form>
  );
}
