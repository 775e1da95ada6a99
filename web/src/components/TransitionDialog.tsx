import type { AvailableAction, TransitionBody, TransitionResult } from "@khcn/api/lifecycle/schemas";
import { A } from "@solidjs/router";
import { createSignal, createUniqueId, For, type JSX, Match, onMount, Show, Switch } from "solid-js";
import { ApiError, postTransition, uploadFile } from "../api/client.ts";
import type { ActionName, Outcome, Regime, Stage } from "../api/types.ts";
import { checkDocumentNumber } from "../document-number.ts";
import { describeError, type UserMessage } from "../errors.ts";
import { type FieldErrors, serverFieldErrors } from "../field-errors.ts";
import { formatDate, todayInVietnam } from "../format.ts";
import type { TaskRecoveryCause } from "../i18n/closing.vi.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { vi } from "../i18n/vi.ts";
import { newIdempotencyKey } from "../idempotency-key.ts";
import { formatMoneyInput, parseMoneyInput } from "../money-input.ts";
import { moneyUnit } from "../money-unit.ts";
import { FormField } from "./FormField.tsx";
import { UploadProgress } from "./UploadProgress.tsx";

const MAX_FILE_BYTES = 20 * 1024 * 1024;
const ACCEPT = ".pdf,.doc,.docx,.xls,.xlsx,.odt,.ods,.jpg,.jpeg,.png";
const RECOVERY_CAUSES: readonly TaskRecoveryCause[] = [
  "honest_failure",
  "non_compliance",
  "misuse_of_funds",
  "unfinished_work",
  "other",
];

type Problem =
  | { kind: "stageChanged" }
  | { kind: "refused" }
  | { kind: "precondition"; fields: string[] }
  | { kind: "message"; message: UserMessage };

type FileState =
  | { status: "none" }
  | { status: "uploading"; name: string }
  | { status: "stored"; name: string; id: number }
  | { status: "failed"; error: UserMessage };

/** Field keys as the API names them, in the order the form shows them. */
const FIELD_ORDER = [
  "document.number",
  "document.issuedOn",
  "document.signer",
  "document.summary",
  "document.fileId",
  "registration.number",
  "registration.registeredOn",
  "recovery.cause",
  "recovery.amount",
  "outcome",
  "comment",
] as const;

/** The server's reasons for refusing a registration or recovery, in the reader's words (it explains in English). */
function closingError(field: string, text: string, budget: string): UserMessage | null {
  if (field === "registration") return { key: "closing.errors.registrationMissing" };
  if (field === "recovery") return { key: "closing.errors.recoveryMissing" };
  if (field !== "recovery.amount") return null;
  if (/exceed the state budget/i.test(text)) return { key: "closing.errors.overBudget", params: { budget } };
  if (/must be 0/i.test(text)) return { key: "closing.errors.honestZero" };
  if (/Give the amount/i.test(text)) return { key: "closing.errors.amountPositive" };
  return null;
}

function isRecordField(field: string): field is keyof typeof vi.recordField {
  return Object.hasOwn(vi.recordField, field);
}

/**
 * The step's dialog: collects what the step requires (the document that decides it, a reason,
 * the council's outcome), checks it, and sends it with the stage the user saw. A native modal
 * <dialog>: the page behind is inert, Esc closes it, the heading names it.
 */
export function TransitionDialog(props: {
  taskId: number;
  action: AvailableAction & { action: ActionName };
  fromStage: Stage;
  /** The task's regime and state budget in đồng: word the recovery rules (the API decides them). */
  regime?: Regime;
  stateBudget?: string;
  /** The task's edit form, when the user may edit (linked from a "complete the record" refusal). */
  editHref: string | null;
  onCancel: () => void;
  onDone: (result: TransitionResult) => void;
  onReload: () => void;
}) {
  const { t, locale, message } = useI18n();
  const format = useFormat();
  const titleId = createUniqueId();
  const introId = createUniqueId();
  let dialog!: HTMLDialogElement;
  const controls = new Map<string, HTMLElement>();
  const register = (field: string) => (el: HTMLElement) => controls.set(field, el);

  const needs = (requirement: AvailableAction["requires"][number]) => props.action.requires.includes(requirement);
  const outcomes = () => (props.action.outcomes ?? []) as Outcome[];
  const today = todayInVietnam();

  const [number, setNumber] = createSignal("");
  const [issuedOn, setIssuedOn] = createSignal(today);
  const [signer, setSigner] = createSignal("");
  const [summary, setSummary] = createSignal("");
  const [comment, setComment] = createSignal("");
  const [outcome, setOutcome] = createSignal<Outcome | "">(outcomes().length === 1 ? (outcomes()[0] ?? "") : "");
  const [registrationNumber, setRegistrationNumber] = createSignal("");
  const [registeredOn, setRegisteredOn] = createSignal(today);
  const [cause, setCause] = createSignal<TaskRecoveryCause | "">("");
  const [amount, setAmount] = createSignal("");
  const [file, setFile] = createSignal<FileState>({ status: "none" });
  const [fraction, setFraction] = createSignal(0);
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [problem, setProblem] = createSignal<Problem | null>(null);
  const [busy, setBusy] = createSignal(false);

  onMount(() => dialog.showModal());

  const close = () => {
    if (!busy()) dialog.close();
  };

  const validate = (): FieldErrors => {
    const found: FieldErrors = {};
    if (needs("document")) {
      const numberProblem = checkDocumentNumber(number(), issuedOn());
      if (numberProblem === "required") found["document.number"] = { key: "errors.numberRequired" };
      if (numberProblem === "format") found["document.number"] = { key: "errors.numberFormat" };
      if (numberProblem === "year") found["document.number"] = { key: "errors.numberYear" };
      if (!issuedOn()) found["document.issuedOn"] = { key: "errors.issuedOnRequired" };
      else if (issuedOn() > today) found["document.issuedOn"] = { key: "errors.issuedOnFuture" };
      if (!signer().trim()) found["document.signer"] = { key: "errors.signerRequired" };
    }
    if (needs("registration")) {
      if (!registrationNumber().trim()) found["registration.number"] = { key: "closing.errors.numberRequired" };
      if (!registeredOn()) found["registration.registeredOn"] = { key: "closing.errors.registeredOnRequired" };
      else if (registeredOn() > today)
        found["registration.registeredOn"] = { key: "closing.errors.registeredOnFuture" };
    }
    if (needs("recovery")) {
      if (!cause()) found["recovery.cause"] = { key: "closing.errors.causeRequired" };
      const read = parseMoneyInput(amount(), moneyUnit(), locale());
      if (read === null) found["recovery.amount"] = { key: "closing.errors.amountRequired" };
      else if (!read.ok) found["recovery.amount"] = { key: "errors.moneyFormat" };
    }
    if (needs("comment") && !comment().trim()) found.comment = { key: "errors.commentRequired" };
    if (needs("outcome") && !outcome()) found.outcome = { key: "errors.outcomeRequired" };
    return found;
  };

  const focusFirst = (found: FieldErrors) => {
    const first = FIELD_ORDER.find((field) => found[field] && controls.has(field));
    if (first) controls.get(first)?.focus();
  };

  const chooseFile = async (chosen: File | undefined) => {
    setErrors(({ "document.fileId": _, ...rest }) => rest);
    if (!chosen) {
      setFile({ status: "none" });
      return;
    }
    if (chosen.size > MAX_FILE_BYTES) {
      setFile({ status: "failed", error: { key: "errors.PAYLOAD_TOO_LARGE" } });
      return;
    }
    setFraction(0);
    setFile({ status: "uploading", name: chosen.name });
    try {
      const stored = await uploadFile(chosen, setFraction);
      setFile({ status: "stored", name: stored.name, id: stored.id });
    } catch (error) {
      setFile({ status: "failed", error: describeError(error) });
    }
  };

  const removeFile = () => {
    setFile({ status: "none" });
    const input = controls.get("document.fileId");
    if (input instanceof HTMLInputElement) {
      input.value = "";
      input.focus();
    }
  };

  /** The amount in whole đồng as the API takes it; validate() has made sure it reads. */
  const recoveryAmount = (): string => {
    const read = parseMoneyInput(amount(), moneyUnit(), locale());
    return read?.ok ? read.dong.toString() : "";
  };

  const body = (): TransitionBody => {
    const stored = file();
    return {
      action: props.action.action,
      fromStage: props.fromStage,
      ...(needs("document")
        ? {
            document: {
              number: number().trim(),
              issuedOn: issuedOn(),
              signer: signer().trim(),
              ...(summary().trim() ? { summary: summary().trim() } : {}),
              ...(stored.status === "stored" ? { fileId: stored.id } : {}),
            },
          }
        : {}),
      ...(needs("registration")
        ? { registration: { number: registrationNumber().trim(), registeredOn: registeredOn() } }
        : {}),
      ...(needs("recovery") && cause()
        ? { recovery: { cause: cause() as TaskRecoveryCause, amount: recoveryAmount() } }
        : {}),
      ...(comment().trim() ? { comment: comment().trim() } : {}),
      ...(needs("outcome") && outcome() ? { outcome: outcome() as Outcome } : {}),
    };
  };

  /** The clash the server reports ("… is already recorded, dated 2025-03-15, signed by X"), in the reader's words. */
  const duplicateNumber = (error: ApiError): UserMessage => {
    const params = { number: number().trim(), year: issuedOn().slice(0, 4) };
    const detail = /dated (\d{4}-\d{2}-\d{2}), signed by (.+)$/.exec(error.fields["document.number"] ?? "");
    if (!detail) return { key: "errors.numberTaken", params };
    return {
      key: "errors.numberTakenDetail",
      params: { ...params, date: formatDate(detail[1], locale()) ?? detail[1] ?? "", signer: detail[2] ?? "" },
    };
  };

  // Kept while an answer may have been lost (network failure), renewed once the server has answered.
  let attemptKey: string | undefined;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy() || file().status === "uploading") return;
    setProblem(null);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    setBusy(true);
    try {
      attemptKey ??= newIdempotencyKey();
      const result = await postTransition(props.taskId, body(), attemptKey);
      attemptKey = undefined;
      setBusy(false);
      dialog.close();
      props.onDone(result);
    } catch (error) {
      if (error instanceof ApiError && error.status > 0) attemptKey = undefined;
      setBusy(false);
      handleError(error);
    }
  };

  const handleError = (error: unknown) => {
    if (!(error instanceof ApiError)) {
      setProblem({ kind: "message", message: describeError(error) });
      return;
    }
    switch (error.code) {
      case "VALIDATION_FAILED": {
        const found = serverFieldErrors(error);
        const budget = props.stateBudget ? (format.money(props.stateBudget) ?? props.stateBudget) : "";
        for (const [field, text] of Object.entries(error.fields)) {
          const worded = closingError(field, text, budget);
          if (worded) found[field] = worded;
        }
        setErrors(found);
        const shown = FIELD_ORDER.some((field) => found[field] && controls.has(field));
        if (shown) focusFirst(found);
        else {
          const first = Object.values(found)[0];
          setProblem({ kind: "message", message: first ?? describeError(error) });
        }
        return;
      }
      case "DUPLICATE_DOCUMENT_NUMBER": {
        const found = { "document.number": duplicateNumber(error) };
        setErrors(found);
        focusFirst(found);
        return;
      }
      case "STAGE_CHANGED":
        setProblem({ kind: "stageChanged" });
        return;
      case "TRANSITION_REFUSED":
        setProblem({ kind: "refused" });
        return;
      case "PRECONDITION_FAILED":
        setProblem({ kind: "precondition", fields: Object.keys(error.fields) });
        return;
      case "FORBIDDEN":
        setProblem({ kind: "message", message: { key: "transition.forbidden" } });
        return;
      default:
        setProblem({ kind: "message", message: describeError(error) });
    }
  };

  const fieldLabels = (fields: readonly string[]) =>
    fields
      .map((field) => (isRecordField(field) ? t(`recordField.${field}`) : field))
      .join(t("lifecycle.listSeparator"));

  const sideExit = () => ["rejected", "terminated", "failed"].includes(props.action.to);

  const textInput =
    (
      field: string,
      value: () => string,
      set: (v: string) => void,
      extra: JSX.InputHTMLAttributes<HTMLInputElement> = {},
    ) =>
    (attrs: { id: string; invalid: true | undefined; describedBy: string | undefined }) => (
      <input
        ref={register(field)}
        id={attrs.id}
        class="field__control"
        aria-invalid={attrs.invalid}
        aria-describedby={attrs.describedBy}
        value={value()}
        onInput={(e) => set(e.currentTarget.value)}
        {...extra}
      />
    );

  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby={titleId}
      aria-describedby={introId}
      onCancel={(event) => {
        if (busy()) event.preventDefault();
      }}
      onClose={() => props.onCancel()}
    >
      <form class="dialog__form" noValidate onSubmit={submit}>
        <header class="dialog__head">
          <h2 id={titleId} class="dialog__title">
            {t(`action.${props.action.action}`)}
          </h2>
          <p id={introId} class="muted">
            {t("transition.intro", { from: t(`stage.${props.fromStage}`), to: t(`stage.${props.action.to}`) })}
          </p>
        </header>

        <div class="dialog__body">
          <div role="alert" class="alert-slot">
            <Show when={problem()}>
              {(current) => (
                <div class="notice notice--error">
                  <Switch>
                    <Match when={current().kind === "stageChanged"}>
                      <p>{t("transition.stageChanged")}</p>
                      <button type="button" class="button" onClick={() => props.onReload()}>
                        {t("transition.reload")}
                      </button>
                    </Match>
                    <Match when={current().kind === "refused"}>
                      <p>{t("transition.refused")}</p>
                      <button type="button" class="button" onClick={() => props.onReload()}>
                        {t("transition.reload")}
                      </button>
                    </Match>
                    <Match when={current().kind === "precondition" && (current() as { fields: string[] })}>
                      {(pre) => (
                        <>
                          <p>{t("transition.precondition", { fields: fieldLabels(pre().fields) })}</p>
                          <Show when={props.editHref}>{(href) => <A href={href()}>{t("transition.openEdit")}</A>}</Show>
                        </>
                      )}
                    </Match>
                    <Match when={current().kind === "message" && (current() as { message: UserMessage })}>
                      {(m) => <p>{message(m().message)}</p>}
                    </Match>
                  </Switch>
                </div>
              )}
            </Show>
          </div>

          <Show when={needs("document")}>
            <fieldset class="fieldset">
              <legend>{t("transition.document")}</legend>
              <div class="form-grid">
                <FormField
                  label={t("transition.number")}
                  required
                  hint={t("transition.numberHint")}
                  error={errors()["document.number"]}
                  control={textInput("document.number", number, setNumber, {
                    autocomplete: "off",
                    spellcheck: false,
                    required: true,
                    maxLength: 60,
                  })}
                />
                <FormField
                  label={t("transition.issuedOn")}
                  required
                  error={errors()["document.issuedOn"]}
                  control={textInput("document.issuedOn", issuedOn, setIssuedOn, {
                    type: "date",
                    max: today,
                    required: true,
                  })}
                />
                <FormField
                  label={t("transition.signer")}
                  required
                  error={errors()["document.signer"]}
                  class="form-grid__wide"
                  control={textInput("document.signer", signer, setSigner, { required: true, maxLength: 200 })}
                />
                <FormField
                  label={t("transition.summary")}
                  error={errors()["document.summary"]}
                  class="form-grid__wide"
                  control={(attrs) => (
                    <textarea
                      ref={register("document.summary")}
                      id={attrs.id}
                      class="field__control"
                      rows={2}
                      maxLength={2000}
                      aria-invalid={attrs.invalid}
                      aria-describedby={attrs.describedBy}
                      value={summary()}
                      onInput={(e) => setSummary(e.currentTarget.value)}
                    />
                  )}
                />
                <FormField
                  label={t("transition.file")}
                  hint={t("transition.fileHint")}
                  error={
                    errors()["document.fileId"] ??
                    (file().status === "failed" ? (file() as { error: UserMessage }).error : undefined)
                  }
                  class="form-grid__wide"
                  control={(attrs) => (
                    <>
                      <input
                        ref={register("document.fileId")}
                        id={attrs.id}
                        type="file"
                        accept={ACCEPT}
                        class="field__file"
                        aria-invalid={attrs.invalid}
                        aria-describedby={attrs.describedBy}
                        onChange={(e) => void chooseFile(e.currentTarget.files?.[0])}
                      />
                      <p class="field__status" role="status">
                        <Switch>
                          <Match when={file().status === "uploading"}>
                            <UploadProgress fraction={fraction()} />
                          </Match>
                          <Match when={file().status === "stored" && (file() as { name: string })}>
                            {(stored) => (
                              <>
                                {t("transition.uploaded", { name: stored().name })}{" "}
                                <button type="button" class="link-button" onClick={removeFile}>
                                  {t("transition.removeFile")}
                                </button>
                              </>
                            )}
                          </Match>
                        </Switch>
                      </p>
                    </>
                  )}
                />
              </div>
            </fieldset>
          </Show>

          <Show when={needs("registration")}>
            <fieldset class="fieldset">
              <legend>{t("closing.registration")}</legend>
              <div class="form-grid">
                <FormField
                  label={t("closing.registrationNumber")}
                  required
                  hint={t("closing.registrationNumberHint")}
                  error={errors()["registration.number"]}
                  control={textInput("registration.number", registrationNumber, setRegistrationNumber, {
                    autocomplete: "off",
                    spellcheck: false,
                    required: true,
                    maxLength: 100,
                  })}
                />
                <FormField
                  label={t("closing.registeredOn")}
                  required
                  error={errors()["registration.registeredOn"]}
                  control={textInput("registration.registeredOn", registeredOn, setRegisteredOn, {
                    type: "date",
                    max: today,
                    required: true,
                  })}
                />
              </div>
            </fieldset>
          </Show>

          <Show when={needs("recovery")}>
            <fieldset class="fieldset">
              <legend>{t("closing.recovery")}</legend>
              <div class="form-grid">
                <FormField
                  label={t("closing.recoveryCause")}
                  required
                  error={errors()["recovery.cause"]}
                  control={(attrs) => (
                    <select
                      ref={register("recovery.cause")}
                      id={attrs.id}
                      class="field__control"
                      required
                      aria-invalid={attrs.invalid}
                      aria-describedby={attrs.describedBy}
                      onChange={(e) => setCause(e.currentTarget.value as TaskRecoveryCause | "")}
                    >
                      <option value="" selected={cause() === ""}>
                        {t("closing.chooseCause")}
                      </option>
                      <For each={RECOVERY_CAUSES}>
                        {(value) => (
                          <option value={value} selected={cause() === value}>
                            {t(`closing.cause.${value}`)}
                          </option>
                        )}
                      </For>
                    </select>
                  )}
                />
                <FormField
                  label={`${t("closing.recoveryAmount")} (${t(moneyUnit() === "million" ? "money.millionUnit" : "money.dongUnit")})`}
                  required
                  hint={
                    cause() === "honest_failure" && props.regime === "law_93_2025"
                      ? t("closing.honestHint")
                      : t("closing.amountHint", {
                          unit: t(moneyUnit() === "million" ? "money.millionUnit" : "money.dongUnit"),
                          example: formatMoneyInput(125_500_000n, moneyUnit(), locale()),
                        })
                  }
                  error={errors()["recovery.amount"]}
                  control={textInput("recovery.amount", amount, setAmount, {
                    class: "field__control field__control--money",
                    inputmode: "decimal",
                    autocomplete: "off",
                    required: true,
                  })}
                />
              </div>
            </fieldset>
          </Show>

          <Show when={needs("outcome")}>
            <FormField
              label={t("transition.outcome")}
              required
              error={errors().outcome}
              control={(attrs) => (
                <select
                  ref={register("outcome")}
                  id={attrs.id}
                  class="field__control"
                  required
                  aria-invalid={attrs.invalid}
                  aria-describedby={attrs.describedBy}
                  onChange={(e) => setOutcome(e.currentTarget.value as Outcome | "")}
                >
                  <option value="" selected={outcome() === ""}>
                    {t("transition.chooseOutcome")}
                  </option>
                  <For each={outcomes()}>
                    {(value) => (
                      <option value={value} selected={outcome() === value}>
                        {t(`outcome.${value}`)}
                      </option>
                    )}
                  </For>
                </select>
              )}
            />
          </Show>

          <FormField
            label={needs("comment") ? t("transition.reason") : t("transition.comment")}
            required={needs("comment")}
            error={errors().comment}
            control={(attrs) => (
              <textarea
                ref={register("comment")}
                id={attrs.id}
                class="field__control"
                rows={3}
                maxLength={4000}
                required={needs("comment")}
                aria-invalid={attrs.invalid}
                aria-describedby={attrs.describedBy}
                value={comment()}
                onInput={(e) => setComment(e.currentTarget.value)}
              />
            )}
          />
        </div>

        <footer class="dialog__actions">
          <button type="button" class="button button--quiet" onClick={close} disabled={busy()}>
            {t("transition.cancel")}
          </button>
          <button
            type="submit"
            class="button"
            classList={{
              "button--primary": !props.action.backward && !sideExit(),
              "button--danger": sideExit(),
            }}
            disabled={busy() || file().status === "uploading"}
            aria-busy={busy()}
          >
            {busy() ? t("transition.submitting") : t("transition.submit")}
          </button>
        </footer>
      </form>
    </dialog>
  );
}
