import { createEffect, createMemo, createSignal, createUniqueId, For, on, onCleanup, Show } from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import { ApiError, uploadFile } from "../api/client.ts";
import {
  type ReportInput,
  type ReportView,
  type ServerDraft,
  type SubmitResult,
  saveReportDraft,
  submitReport,
} from "../api/reports.ts";
import { describeError, type UserMessage } from "../errors.ts";
import { fieldMessage } from "../field-errors.ts";
import type { MoneyUnit } from "../format.ts";
import { todayInVietnam } from "../format.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { newIdempotencyKey } from "../idempotency-key.ts";
import { moneyUnit } from "../money-unit.ts";
import {
  applyFlat,
  clearLocalCopy,
  type FormErrors,
  flattenInput,
  formFromDocument,
  inputFromDocument,
  type LocalCopy,
  mergeInputs,
  readForm,
  readLocalCopy,
  sameInput,
  writeLocalCopy,
} from "../report-form.ts";
import { describeReportError, timeOf } from "../report-messages.ts";
import { convertMoneyText } from "../task-form-model.ts";
import { FormField } from "./FormField.tsx";
import { MoneyUnitToggle } from "./MoneyUnitToggle.tsx";
import { SpendingTotals } from "./ReportDocument.tsx";
import { Section } from "./Section.tsx";
import { UploadProgress } from "./UploadProgress.tsx";

const AUTOSAVE_DELAY_MS = 1500;
type SaveStatus = "idle" | "pending" | "saving" | "saved" | "failed" | "invalid";

/** The PI's report form: autosaved to the server, copied on this device while that fails, then submitted. */
export function ReportEditor(props: { view: ReportView; onSubmitted: (result: SubmitResult) => void }) {
  const { t, locale, message } = useI18n();
  const format = useFormat();
  const periodId = props.view.period.id;

  const [form, setForm] = createStore(formFromDocument(props.view.report, moneyUnit(), locale()));
  let revision = props.view.revision;
  /** What the server has, as far as this page knows: the base of a merge. */
  let base: ReportInput = inputFromDocument(props.view.report);
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<boolean> | null = null;
  let submitKey: string | null = null;

  const [status, setStatus] = createSignal<SaveStatus>(props.view.draft ? "saved" : "idle");
  const [savedAt, setSavedAt] = createSignal(props.view.draft?.savedAt ?? null);
  const [serverErrors, setServerErrors] = createSignal<FormErrors>({});
  const [notice, setNotice] = createSignal<UserMessage | null>(null);
  const [saveError, setSaveError] = createSignal<UserMessage | null>(null);

  const stored = readLocalCopy(periodId);
  const [localCopy, setLocalCopy] = createSignal<LocalCopy | null>(
    stored && !sameInput(stored.content, base) ? stored : null,
  );
  if (stored && !localCopy()) clearLocalCopy(periodId);

  const read = createMemo(() => readForm(form, moneyUnit(), locale()));
  const errors = (): FormErrors => ({ ...serverErrors(), ...read().errors });
  const error = (path: string) => errors()[path];

  // Money typed in one unit follows the page's unit toggle, exactly.
  createEffect(
    on(moneyUnit, (next: MoneyUnit, previous: MoneyUnit | undefined) => {
      if (!previous || previous === next) return;
      setForm("spending", (lines) =>
        lines.map((line) => ({ ...line, amount: convertMoneyText(line.amount, previous, next, locale()) })),
      );
    }),
  );

  const changed = (path?: string) => {
    dirty = true;
    submitKey = null;
    if (path && serverErrors()[path]) {
      const { [path]: _, ...rest } = serverErrors();
      setServerErrors(rest);
    }
    setStatus("pending");
    writeLocalCopy(periodId, { revision, savedAt: new Date().toISOString(), content: read().input });
    clearTimeout(timer);
    timer = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
  };

  const onOnline = () => {
    if (dirty) void save();
  };
  window.addEventListener("online", onOnline);
  onCleanup(() => {
    clearTimeout(timer);
    window.removeEventListener("online", onOnline);
  });

  const fillFrom = (report: ReportView["report"]) =>
    setForm(reconcile(formFromDocument(report, moneyUnit(), locale())));

  /** Saves now if anything changed; true when the server has the form as it stands. */
  async function save(attempt = 0): Promise<boolean> {
    clearTimeout(timer);
    while (inFlight) await inFlight;
    if (!dirty) return true;
    const { input, errors: problems } = read();
    if (Object.keys(problems).length > 0) {
      setStatus("invalid");
      return false;
    }
    dirty = false;
    setStatus("saving");
    const request = saveReportDraft(periodId, { revision, content: input }).then(
      (saved) => {
        revision = saved.revision;
        base = input;
        setSavedAt(saved.savedAt);
        setServerErrors({});
        setSaveError(null);
        if (!dirty) {
          setStatus("saved");
          clearLocalCopy(periodId);
        } else {
          setStatus("pending");
        }
        return true;
      },
      (failure: unknown) => {
        dirty = true;
        if (failure instanceof ApiError && failure.code === "STALE_DRAFT" && attempt < 2) {
          mergeServerDraft(failure);
          return "retry" as const;
        }
        if (failure instanceof ApiError && failure.code === "VALIDATION_FAILED") {
          setServerErrors(translateFields(failure.fields));
          setStatus("invalid");
          return false;
        }
        setSaveError(describeReportError(failure));
        setStatus("failed");
        return false;
      },
    );
    inFlight = request.then((r) => r === true);
    const outcome = await request;
    inFlight = null;
    if (outcome === "retry") return save(attempt + 1);
    return outcome;
  }

  /** The draft moved on elsewhere: lay this page's changes over it and carry on from its revision. */
  function mergeServerDraft(failure: ApiError): boolean {
    const server = failure.details.draft as ServerDraft | undefined;
    if (!server) return false;
    const merged = mergeInputs(base, read().input, server.content);
    fillFrom(applyFlat(server.report, merged));
    revision = server.revision;
    base = server.content;
    dirty = true;
    setNotice({ key: "reports.autosave.merged", params: { name: server.savedBy ?? t("reports.autosave.someone") } });
    return true;
  }

  const restoreLocal = () => {
    const copy = localCopy();
    if (!copy) return;
    fillFrom(applyFlat(props.view.report, flattenInput(copy.content)));
    setLocalCopy(null);
    changed();
  };
  const discardLocal = () => {
    clearLocalCopy(periodId);
    setLocalCopy(null);
  };

  // ---- submission

  const [confirmedBy, setConfirmedBy] = createSignal(props.view.versions.at(-1)?.hostConfirmation.confirmedBy ?? "");
  const [position, setPosition] = createSignal(props.view.versions.at(-1)?.hostConfirmation.position ?? "");
  const [confirmedOn, setConfirmedOn] = createSignal(todayInVietnam());
  const [file, setFile] = createSignal<{ id: number; name: string } | null>(null);
  const [uploading, setUploading] = createSignal(false);
  const [fraction, setFraction] = createSignal(0);
  const [submitting, setSubmitting] = createSignal(false);
  const [submitError, setSubmitError] = createSignal<UserMessage | null>(null);
  const [hostErrors, setHostErrors] = createSignal<FormErrors>({});

  const onFile = async (input: HTMLInputElement) => {
    const chosen = input.files?.[0];
    setFile(null);
    if (!chosen) return;
    setFraction(0);
    setUploading(true);
    setHostErrors(({ "hostConfirmation.fileId": _, ...rest }) => rest);
    try {
      const stored = await uploadFile(chosen, setFraction);
      setFile({ id: stored.id, name: stored.name });
      submitKey = null;
    } catch (failure) {
      setHostErrors((e) => ({ ...e, "hostConfirmation.fileId": describeError(failure) }));
      input.value = "";
    } finally {
      setUploading(false);
    }
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setSubmitError(null);
    const hostProblems: FormErrors = {};
    if (!confirmedBy().trim()) hostProblems["hostConfirmation.confirmedBy"] = { key: "errors.fieldRequired" };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(confirmedOn()))
      hostProblems["hostConfirmation.confirmedOn"] = { key: "errors.dateFormat" };
    setHostErrors(hostProblems);
    if (Object.keys(read().errors).length > 0 || Object.keys(hostProblems).length > 0) {
      setSubmitError({ key: "reports.submit.fixFirst" });
      return;
    }
    setSubmitting(true);
    try {
      if (!(await save())) {
        setSubmitError(
          status() === "invalid" ? { key: "reports.submit.fixFirst" } : (saveError() ?? { key: "errors.UNKNOWN" }),
        );
        return;
      }
      submitKey ??= newIdempotencyKey();
      const hostConfirmation = {
        confirmedBy: confirmedBy().trim(),
        ...(position().trim() ? { position: position().trim() } : {}),
        confirmedOn: confirmedOn(),
        ...(file() ? { fileId: file()?.id ?? 0 } : {}),
      };
      const result = await submitReport(periodId, { revision, hostConfirmation }, submitKey);
      submitKey = null;
      clearLocalCopy(periodId);
      props.onSubmitted(result);
    } catch (failure) {
      // A lost answer (network, server error) is retried with the same key; a refusal is final.
      if (!(failure instanceof ApiError) || (failure.status !== 0 && failure.status < 500)) submitKey = null;
      if (failure instanceof ApiError && failure.code === "STALE_DRAFT") mergeServerDraft(failure);
      if (failure instanceof ApiError && failure.code === "VALIDATION_FAILED") {
        setHostErrors(translateFields(failure.fields));
      }
      setSubmitError(describeReportError(failure));
    } finally {
      setSubmitting(false);
    }
  };

  const statusText = () => {
    switch (status()) {
      case "saving":
        return t("reports.autosave.saving");
      case "pending":
        return t("reports.autosave.pending");
      case "invalid":
        return t("reports.autosave.invalid");
      case "failed":
        return t("reports.autosave.failed");
      case "saved":
        return t("reports.autosave.savedAt", { time: timeOf(savedAt(), locale()) });
      default:
        return props.view.shows === "prefill" ? t("reports.page.prefilled") : "";
    }
  };

  const latest = () => props.view.versions.at(-1);

  return (
    <div class="report-editor">
      <div
        class="autosave-bar"
        classList={{ "autosave-bar--problem": status() === "failed" || status() === "invalid" }}
      >
        <p class="autosave-bar__status" aria-live="polite" role="status">
          {statusText()}
        </p>
        <Show when={saveError() && status() === "failed"}>
          <span class="muted">{message(saveError() ?? { key: "errors.UNKNOWN" })}</span>
          <button type="button" class="button rep-small" onClick={() => void save()}>
            {t("reports.autosave.retry")}
          </button>
        </Show>
      </div>
      <Show when={localCopy()}>
        {(copy) => (
          <div class="notice notice--info" role="alert">
            <p>{t("reports.autosave.localCopy", { time: format.dateTime(copy().savedAt) })}</p>
            <div class="action-buttons">
              <button type="button" class="button button--primary rep-small" onClick={restoreLocal}>
                {t("reports.autosave.restore")}
              </button>
              <button type="button" class="button rep-small" onClick={discardLocal}>
                {t("reports.autosave.discard")}
              </button>
            </div>
          </div>
        )}
      </Show>
      <Show when={notice()}>
        {(n) => (
          <p class="notice notice--info" role="status">
            {message(n())}
          </p>
        )}
      </Show>
      <Show when={props.view.unsubmittedChanges?.length}>
        <p class="notice notice--info">{t("reports.page.unsubmitted")}</p>
      </Show>

      <Section title={t("reports.section.contentItems")}>
        <Show when={form.contentItems.length > 0} fallback={<p class="muted">{t("reports.form.noContentItems")}</p>}>
          <ol class="report-items">
            <For each={form.contentItems}>
              {(item, i) => {
                const doc = () => props.view.report.contentItems.find((c) => c.contentItemId === item.contentItemId);
                const percentPath = () => `content.contentItems.${i()}.percentComplete`;
                return (
                  <li class="report-item">
                    <h3 class="report-item__title">{doc()?.title}</h3>
                    <Show when={doc()?.plannedWork}>
                      {(planned) => (
                        <p class="muted">
                          {t("reports.form.plannedWork")}: {planned()}
                        </p>
                      )}
                    </Show>
                    <div class="report-item__fields">
                      <FormField
                        label={t("reports.form.workDone")}
                        class="report-item__wide"
                        error={error(`content.contentItems.${i()}.workDone`)}
                        control={(a) => (
                          <textarea
                            id={a.id}
                            class="field__control"
                            rows={3}
                            aria-invalid={a.invalid}
                            aria-describedby={a.describedBy}
                            value={item.workDone}
                            onInput={(e) => {
                              setForm("contentItems", i(), "workDone", e.currentTarget.value);
                              changed(`content.contentItems.${i()}.workDone`);
                            }}
                          />
                        )}
                      />
                      <FormField
                        label={t("reports.form.percent")}
                        hint={
                          doc()?.previousPercent == null
                            ? t("reports.form.previousNone")
                            : t("reports.form.previousPercent", { value: String(doc()?.previousPercent) })
                        }
                        error={error(percentPath())}
                        control={(a) => (
                          <input
                            id={a.id}
                            class="field__control field__control--percent"
                            inputmode="numeric"
                            autocomplete="off"
                            aria-invalid={a.invalid}
                            aria-describedby={a.describedBy}
                            value={item.percent}
                            onInput={(e) => {
                              setForm("contentItems", i(), "percent", e.currentTarget.value);
                              changed(percentPath());
                            }}
                          />
                        )}
                      />
                    </div>
                  </li>
                );
              }}
            </For>
          </ol>
        </Show>
      </Section>

      <Section title={t("reports.section.products")}>
        <Show when={form.products.length > 0} fallback={<p class="muted">{t("reports.form.noProducts")}</p>}>
          <ol class="report-items">
            <For each={form.products}>
              {(product, i) => {
                const doc = () => props.view.report.products.find((p) => p.productId === product.productId);
                return (
                  <li class="report-item">
                    <h3 class="report-item__title">{doc()?.name}</h3>
                    <p class="muted">
                      {t("reports.form.contracted", {
                        quantity: doc()?.contractedQuantity ?? "",
                        unit: doc()?.unit ?? "",
                      })}
                      <Show when={doc()?.previousStatus}>
                        {(previous) => (
                          <>
                            {" "}
                            · {t("reports.form.previousStatus", { status: t(`reports.productStatus.${previous()}`) })}
                          </>
                        )}
                      </Show>
                    </p>
                    <div class="report-item__fields">
                      <FormField
                        label={t("reports.form.status")}
                        error={error(`content.products.${i()}.status`)}
                        control={(a) => (
                          <select
                            id={a.id}
                            class="field__control"
                            aria-invalid={a.invalid}
                            aria-describedby={a.describedBy}
                            value={product.status}
                            onChange={(e) => {
                              setForm("products", i(), "status", e.currentTarget.value as typeof product.status);
                              changed();
                            }}
                          >
                            <option value="not_started">{t("reports.productStatus.not_started")}</option>
                            <option value="in_progress">{t("reports.productStatus.in_progress")}</option>
                            <option value="completed">{t("reports.productStatus.completed")}</option>
                          </select>
                        )}
                      />
                      <FormField
                        label={t("reports.form.quantityAchieved", { unit: doc()?.unit ?? "" })}
                        error={error(`content.products.${i()}.quantityAchieved`)}
                        control={(a) => (
                          <input
                            id={a.id}
                            class="field__control field__control--percent"
                            inputmode="decimal"
                            autocomplete="off"
                            aria-invalid={a.invalid}
                            aria-describedby={a.describedBy}
                            value={product.quantity}
                            onInput={(e) => {
                              setForm("products", i(), "quantity", e.currentTarget.value);
                              changed(`content.products.${i()}.quantityAchieved`);
                            }}
                          />
                        )}
                      />
                      <FormField
                        label={t("reports.form.note")}
                        class="report-item__wide"
                        error={error(`content.products.${i()}.note`)}
                        control={(a) => (
                          <input
                            id={a.id}
                            class="field__control"
                            aria-invalid={a.invalid}
                            aria-describedby={a.describedBy}
                            value={product.note}
                            onInput={(e) => {
                              setForm("products", i(), "note", e.currentTarget.value);
                              changed(`content.products.${i()}.note`);
                            }}
                          />
                        )}
                      />
                    </div>
                  </li>
                );
              }}
            </For>
          </ol>
        </Show>
      </Section>

      <Section title={t("reports.section.spending")} actions={<MoneyUnitToggle />}>
        <div class="rep-table-wrap">
          <table class="rep-table spending-table">
            <thead>
              <tr>
                <th scope="col">{t("reports.form.category")}</th>
                <th scope="col" class="rep-num">
                  {t("reports.form.spentBefore")}
                </th>
                <th scope="col">
                  {t("reports.form.thisPeriod", {
                    unit: t(moneyUnit() === "million" ? "money.millionUnit" : "money.dongUnit"),
                  })}
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={form.spending}>
                {(line, i) => {
                  const doc = () => props.view.report.budget.lines[i()];
                  const id = createUniqueId();
                  const path = () => `content.spending.${i()}.amount`;
                  const name = () => (locale() === "vi" ? doc()?.nameVi : doc()?.nameEn) ?? line.category;
                  return (
                    <tr>
                      <th scope="row" data-label={t("reports.form.category")}>
                        {name()}
                        <span class="muted"> — {t(`reports.source.${line.source}`)}</span>
                      </th>
                      <td class="rep-num" data-label={t("reports.form.spentBefore")}>
                        {format.money(doc()?.spentBefore)}
                      </td>
                      <td data-label={t("reports.form.thisPeriodShort")}>
                        <label for={id} class="visually-hidden">
                          {t("reports.form.amountFor", {
                            category: name(),
                            source: t(`reports.source.${line.source}`),
                          })}
                        </label>
                        <input
                          id={id}
                          class="field__control field__control--money"
                          inputmode="decimal"
                          autocomplete="off"
                          placeholder="0"
                          aria-invalid={error(path()) ? true : undefined}
                          aria-describedby={error(path()) ? `${id}-error` : undefined}
                          value={line.amount}
                          onInput={(e) => {
                            setForm("spending", i(), "amount", e.currentTarget.value);
                            changed(path());
                          }}
                        />
                        <Show when={error(path())}>
                          {(problem) => (
                            <p id={`${id}-error`} class="field__error">
                              {message(problem())}
                            </p>
                          )}
                        </Show>
                      </td>
                    </tr>
                  );
                }}
              </For>
            </tbody>
          </table>
        </div>
        <SpendingTotals report={props.view.report} />
      </Section>

      <Section title={t("reports.section.problems")}>
        <FormField
          label={t("reports.form.problems")}
          error={error("content.problems")}
          control={(a) => (
            <textarea
              id={a.id}
              class="field__control"
              rows={4}
              aria-invalid={a.invalid}
              aria-describedby={a.describedBy}
              value={form.problems}
              onInput={(e) => {
                setForm("problems", e.currentTarget.value);
                changed("content.problems");
              }}
            />
          )}
        />
      </Section>

      <Section title={t("reports.section.proposals")}>
        <For each={["extension", "adjustment", "staffChange"] as const}>
          {(key) => (
            <FormField
              label={t(`reports.form.${key}`)}
              error={error(`content.proposals.${key}`)}
              control={(a) => (
                <textarea
                  id={a.id}
                  class="field__control"
                  rows={2}
                  aria-invalid={a.invalid}
                  aria-describedby={a.describedBy}
                  value={form.proposals[key]}
                  onInput={(e) => {
                    setForm("proposals", key, e.currentTarget.value);
                    changed(`content.proposals.${key}`);
                  }}
                />
              )}
            />
          )}
        </For>
      </Section>

      <Show when={props.view.can.submit}>
        <Section title={t("reports.submit.title")}>
          <form class="form submit-form" onSubmit={submit} noValidate>
            <p class="muted">{t("reports.submit.intro")}</p>
            <div class="form-grid">
              <FormField
                label={t("reports.submit.confirmedBy")}
                required
                error={hostErrors()["hostConfirmation.confirmedBy"]}
                control={(a) => (
                  <input
                    id={a.id}
                    class="field__control"
                    autocomplete="off"
                    aria-invalid={a.invalid}
                    aria-describedby={a.describedBy}
                    aria-required="true"
                    value={confirmedBy()}
                    onInput={(e) => {
                      setConfirmedBy(e.currentTarget.value);
                      submitKey = null;
                    }}
                  />
                )}
              />
              <FormField
                label={t("reports.submit.position")}
                error={hostErrors()["hostConfirmation.position"]}
                control={(a) => (
                  <input
                    id={a.id}
                    class="field__control"
                    aria-invalid={a.invalid}
                    aria-describedby={a.describedBy}
                    value={position()}
                    onInput={(e) => {
                      setPosition(e.currentTarget.value);
                      submitKey = null;
                    }}
                  />
                )}
              />
              <FormField
                label={t("reports.submit.confirmedOn")}
                required
                error={hostErrors()["hostConfirmation.confirmedOn"]}
                control={(a) => (
                  <input
                    id={a.id}
                    type="date"
                    class="field__control"
                    aria-invalid={a.invalid}
                    aria-describedby={a.describedBy}
                    required
                    value={confirmedOn()}
                    onInput={(e) => {
                      setConfirmedOn(e.currentTarget.value);
                      submitKey = null;
                    }}
                  />
                )}
              />
              <FormField
                label={t("reports.submit.file")}
                hint={!uploading() && file() ? t("reports.submit.uploaded", { name: file()?.name ?? "" }) : undefined}
                error={hostErrors()["hostConfirmation.fileId"]}
                control={(a) => (
                  <input
                    id={a.id}
                    type="file"
                    class="field__file"
                    accept=".pdf,.doc,.docx,.odt,.jpg,.jpeg,.png"
                    aria-invalid={a.invalid}
                    aria-describedby={a.describedBy}
                    onChange={(e) => void onFile(e.currentTarget)}
                  />
                )}
              />
              <Show when={uploading()}>
                <p class="field__status" role="status">
                  <UploadProgress fraction={fraction()} />
                </p>
              </Show>
            </div>
            <Show when={submitError()}>
              {(problem) => (
                <p class="notice notice--error" role="alert">
                  {message(problem())}
                </p>
              )}
            </Show>
            <div class="rep-actions">
              <button type="submit" class="button button--primary" disabled={submitting() || uploading()}>
                {submitting()
                  ? t("reports.submit.submitting")
                  : latest()
                    ? t("reports.submit.resubmit")
                    : t("reports.submit.submit")}
              </button>
            </div>
          </form>
        </Section>
      </Show>
    </div>
  );
}

/** The server's field refusals in the reader's words; percentages and quantities get the form's own. */
function translateFields(fields: Readonly<Record<string, string>>): FormErrors {
  const result: FormErrors = {};
  for (const [path, text] of Object.entries(fields)) {
    if (path.endsWith(".percentComplete")) result[path] = { key: "reports.form.percentInvalid" };
    else if (path.endsWith(".quantityAchieved")) result[path] = { key: "reports.form.quantityInvalid" };
    else result[path] = fieldMessage(path, text);
  }
  return result;
}
