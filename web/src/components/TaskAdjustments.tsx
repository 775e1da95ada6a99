import type { Adjustment, AdjustmentList, CreateAdjustmentBody } from "@khcn/api/adjustments/schemas";
import type { TaskDetail } from "@khcn/api/tasks/schemas";
import { createResource, createSignal, createUniqueId, For, type JSX, Match, Show, Switch } from "solid-js";
import { ApiError } from "../api/client.ts";
import { decideAdjustment, listAdjustments, requestAdjustment, withdrawAdjustment } from "../api/progress.ts";
import type { AdjustmentKind } from "../api/progress-types.ts";
import { loadOrganisations } from "../catalog.ts";
import { describeError, type UserMessage } from "../errors.ts";
import { dayAfter, extensionMonths } from "../extension-months.ts";
import type { FieldErrors } from "../field-errors.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { parseMoneyInput } from "../money-input.ts";
import { moneyUnit } from "../money-unit.ts";
import { kindAllowedText, progressFieldErrors, refusalMessage, ruleMessage } from "../progress-errors.ts";
import type { PersonRef } from "../task-form-model.ts";
import "../progress.css";
import { createDocumentDraft, DocumentFields, DocumentLine, documentFieldOrder } from "./DocumentFields.tsx";
import { FormField } from "./FormField.tsx";
import { MoneyUnitToggle } from "./MoneyUnitToggle.tsx";
import { PersonPicker } from "./PersonPicker.tsx";
import { Section } from "./Section.tsx";
import { ErrorNotice, Loading } from "./Status.tsx";

const LONG_MONTHS = 6;
const MIN_JUSTIFICATION = 200;

/** How a pending decision stands: days left, due today, or days overdue (words and a tone, never colour alone). */
export function useClockText() {
  const { t } = useI18n();
  const format = useFormat();
  return (clock: { daysLeft: number; overdue: boolean }) => {
    if (clock.overdue)
      return { text: t("progress.adjustments.overdue", { days: format.number(-clock.daysLeft) }), tone: "late" };
    if (clock.daysLeft === 0) return { text: t("progress.adjustments.dueToday"), tone: "soon" };
    return {
      text: t("progress.adjustments.daysLeft", { days: format.number(clock.daysLeft) }),
      tone: clock.daysLeft <= 3 ? "soon" : "ok",
    };
  };
}

/** The terms a request changes, before and after, in the reader's words. */
export function AdjustmentChange(props: { item: Adjustment }) {
  const { t } = useI18n();
  const format = useFormat();
  const row = (label: string, before: string | null, after: string | null) => (
    <div class="change">
      <dt>{label}</dt>
      <dd>
        <Show when={before !== null}>
          <span class="change__before">{before}</span>
          <span class="change__arrow">
            <span aria-hidden="true"> → </span>
            <span class="visually-hidden"> {t("progress.adjustments.after")}: </span>
          </span>
        </Show>
        <span class="change__after">{after ?? t("common.notSet")}</span>
      </dd>
    </div>
  );
  const b = () => props.item.before;
  const a = () => props.item.after;
  return (
    <dl class="changes">
      <Switch>
        <Match when={props.item.kind === "duration"}>
          {row(
            t("taskDetail.endDate"),
            format.date(b().endDate),
            `${format.date(a().endDate)}${props.item.extensionMonths ? ` ${t("progress.adjustments.months_", { months: String(props.item.extensionMonths) })}` : ""}`,
          )}
        </Match>
        <Match when={props.item.kind === "budget"}>
          {row(t("taskDetail.totalBudget"), format.money(b().totalBudget), format.money(a().totalBudget))}
          {row(t("taskDetail.stateBudget"), format.money(b().stateBudget), format.money(a().stateBudget))}
        </Match>
        <Match when={props.item.kind === "pi"}>
          {row(t("taskDetail.pi"), b().piName ?? t("common.notSet"), a().piName ?? null)}
        </Match>
        <Match when={props.item.kind === "host_organisation"}>
          {row(t("taskDetail.host"), b().hostName ?? t("common.notSet"), a().hostName ?? null)}
        </Match>
        <Match when={true}>
          {row(t("progress.adjustments.description"), null, a().description ?? null)}
          <Show when={a().objectives}>
            {row(t("taskDetail.objectives"), b().objectives ?? t("common.notSet"), a().objectives ?? null)}
          </Show>
        </Match>
      </Switch>
    </dl>
  );
}

/**
 * The task's adjustment requests, newest first, with what each changes, its deadline and its
 * decision; the PI or staff file a new one while the task is in progress; staff or the head
 * decide; the requester may withdraw an open one.
 */
export function TaskAdjustments(props: { task: TaskDetail; onChanged: () => void }) {
  const { t, message } = useI18n();
  const [revision, setRevision] = createSignal(0);
  const [data, { refetch }] = createResource(
    () => ({ id: props.task.id, version: props.task.version, revision: revision() }),
    (k) => listAdjustments(k.id),
  );
  const latest = (): AdjustmentList | undefined =>
    data.state === "ready" || data.state === "refreshing" ? data.latest : undefined;
  const [formOpen, setFormOpen] = createSignal(false);
  const [notice, setNotice] = createSignal("");
  let openButton: HTMLButtonElement | undefined;
  let noticeEl: HTMLParagraphElement | undefined;

  const changed = (text: string) => {
    setNotice(text);
    setRevision((n) => n + 1);
    props.onChanged();
    queueMicrotask(() => noticeEl?.focus());
  };

  return (
    <div class="running">
      <p
        class="notice notice--success"
        role="status"
        tabIndex={-1}
        ref={noticeEl}
        classList={{ "is-empty": !notice() }}
      >
        {notice()}
      </p>
      <Section
        title={t("progress.adjustments.title")}
        actions={
          <Show when={latest()?.canRequest && !formOpen()}>
            <button
              type="button"
              class="button button--primary"
              ref={openButton}
              onClick={() => {
                setNotice("");
                setFormOpen(true);
              }}
            >
              {t("progress.adjustments.request")}
            </button>
          </Show>
        }
      >
        <Show when={formOpen() && latest()}>
          {(list) => (
            <AdjustmentForm
              task={props.task}
              list={list()}
              onCancel={() => {
                setFormOpen(false);
                queueMicrotask(() => openButton?.focus());
              }}
              onDone={() => {
                setFormOpen(false);
                changed(t("progress.adjustments.filed"));
              }}
            />
          )}
        </Show>
        <Switch>
          <Match when={data.error && !data.loading}>
            <ErrorNotice
              title={t("progress.adjustments.loadFailed")}
              message={message(describeError(data.error))}
              onRetry={refetch}
            />
          </Match>
          <Match when={latest()}>
            {(list) => (
              <Show when={list().items.length > 0} fallback={<p class="muted">{t("progress.adjustments.empty")}</p>}>
                <ul class="record-list">
                  <For each={list().items}>
                    {(item) => <AdjustmentItem item={item} onChanged={(text) => changed(text)} />}
                  </For>
                </ul>
              </Show>
            )}
          </Match>
          <Match when={true}>
            <Loading />
          </Match>
        </Switch>
      </Section>
    </div>
  );
}

function statusTone(status: Adjustment["status"]) {
  if (status === "approved") return "tag--ok";
  if (status === "rejected") return "tag--danger";
  if (status === "submitted") return "tag--warn";
  return "";
}

function AdjustmentItem(props: { item: Adjustment; onChanged: (notice: string) => void }) {
  const { t, message } = useI18n();
  const format = useFormat();
  const clockText = useClockText();
  const [deciding, setDeciding] = createSignal<"approve" | "reject" | null>(null);
  const [confirmWithdraw, setConfirmWithdraw] = createSignal(false);
  const [problem, setProblem] = createSignal<UserMessage | null>(null);
  const [busy, setBusy] = createSignal(false);
  const headingId = createUniqueId();

  const withdraw = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await withdrawAdjustment(props.item.id);
      setBusy(false);
      props.onChanged(t("progress.adjustments.withdrawn"));
    } catch (error) {
      setBusy(false);
      setProblem(describeError(error));
    }
  };

  return (
    <li class="record" aria-labelledby={headingId}>
      <div class="record__head">
        <h3 class="record__title" id={headingId}>
          {t(`progress.adjustments.kindValue.${props.item.kind}`)}
        </h3>
        <span class={`tag ${statusTone(props.item.status)}`}>
          {t(`progress.adjustments.status.${props.item.status}`)}
        </span>
        <Show when={props.item.exceptional}>
          <span class="tag tag--warn">{t("progress.adjustments.exceptionalBadge")}</span>
        </Show>
      </div>
      <AdjustmentChange item={props.item} />
      <dl class="record__facts">
        <div>
          <dt>{t("progress.adjustments.reason")}</dt>
          <dd class="prose">{props.item.reason}</dd>
        </div>
        <Show when={props.item.status === "submitted"}>
          <div>
            <dt>{t("progress.pending.dueBy")}</dt>
            <dd>
              {format.date(props.item.dueBy)}
              <Show when={props.item.clock}>
                {(clock) => (
                  <>
                    {" · "}
                    <span class={`clock clock--${clockText(clock()).tone}`}>{clockText(clock()).text}</span>
                  </>
                )}
              </Show>
            </dd>
          </div>
        </Show>
        <Show when={props.item.decision}>
          {(d) => (
            <div>
              <dt>{t("progress.adjustments.decision")}</dt>
              <dd>
                <p>{t("progress.adjustments.decidedBy", { name: d().by, at: format.dateTime(d().at) })}</p>
                <Show when={d().document}>
                  {(doc) => (
                    <p>
                      <DocumentLine document={doc()} />
                    </p>
                  )}
                </Show>
                <Show when={d().comment}>
                  {(c) => (
                    <p>
                      {t("progress.adjustments.comment")}: {c()}
                    </p>
                  )}
                </Show>
              </dd>
            </div>
          )}
        </Show>
      </dl>
      <p class="muted record__by">
        {t("progress.adjustments.requestedBy", {
          name: props.item.requestedBy.name,
          at: format.dateTime(props.item.requestedAt),
        })}
      </p>
      <div role="alert" class="alert-slot">
        <Show when={problem()}>{(p) => <p class="notice notice--error">{message(p())}</p>}</Show>
      </div>
      <Show when={props.item.status === "submitted" && !deciding() && !confirmWithdraw()}>
        <div class="action-buttons">
          <Show when={props.item.canDecide}>
            <button type="button" class="button button--primary" onClick={() => setDeciding("approve")}>
              {t("progress.adjustments.approve")}
            </button>
            <button type="button" class="button button--danger-outline" onClick={() => setDeciding("reject")}>
              {t("progress.adjustments.reject")}
            </button>
          </Show>
          <Show when={props.item.canWithdraw}>
            <button type="button" class="button" onClick={() => setConfirmWithdraw(true)}>
              {t("progress.adjustments.withdraw")}
            </button>
          </Show>
        </div>
      </Show>
      <Show when={confirmWithdraw()}>
        <fieldset class="confirm">
          <legend>{t("progress.adjustments.withdrawConfirm")}</legend>
          <div class="action-buttons">
            <button
              type="button"
              class="button button--quiet"
              disabled={busy()}
              onClick={() => setConfirmWithdraw(false)}
            >
              {t("progress.adjustments.cancel")}
            </button>
            <button type="button" class="button button--danger" disabled={busy()} onClick={() => void withdraw()}>
              {t("progress.adjustments.withdraw")}
            </button>
          </div>
        </fieldset>
      </Show>
      <Show when={deciding()}>
        {(decision) => (
          <DecideForm
            item={props.item}
            decision={decision()}
            onCancel={() => setDeciding(null)}
            onDone={() => {
              setDeciding(null);
              props.onChanged(t("progress.adjustments.decided"));
            }}
          />
        )}
      </Show>
    </li>
  );
}

function DecideForm(props: {
  item: Adjustment;
  decision: "approve" | "reject";
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t, message } = useI18n();
  const headingId = createUniqueId();
  const controls = new Map<string, HTMLElement>();
  const register = (field: string) => (el: HTMLElement) => controls.set(field, el);
  const document = createDocumentDraft("document.");
  const [comment, setComment] = createSignal("");
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [problem, setProblem] = createSignal<UserMessage | null>(null);
  const [busy, setBusy] = createSignal(false);
  const approve = () => props.decision === "approve";
  const order = () => [...documentFieldOrder("document."), "comment"];
  const focusFirst = (found: FieldErrors) => {
    const first = order().find((f) => found[f] && controls.has(f));
    if (first) controls.get(first)?.focus();
    return first !== undefined;
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy() || document.uploading()) return;
    setProblem(null);
    const found: FieldErrors = approve() ? document.validate() : {};
    if (!approve() && !comment().trim()) found.comment = { key: "errors.commentRequired" };
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    setBusy(true);
    try {
      await decideAdjustment(props.item.id, {
        decision: props.decision,
        ...(approve() ? { document: document.body() } : {}),
        ...(comment().trim() ? { comment: comment().trim() } : {}),
      });
      setBusy(false);
      props.onDone();
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.code === "DUPLICATE_DOCUMENT_NUMBER") {
        const dup = {
          "document.number": {
            key: "errors.numberTaken" as const,
            params: { number: document.number(), year: document.issuedOn().slice(0, 4) },
          },
        };
        setErrors(dup);
        focusFirst(dup);
        return;
      }
      if (error instanceof ApiError && error.code === "ADJUSTMENT_REFUSED") {
        const reason = refusalMessage(error) ?? {
          key: "progress.adjustments.reasons.noLongerFits" as const,
        };
        setProblem({ key: "progress.adjustments.refused", params: { reason: message(reason) } });
        return;
      }
      const fields = progressFieldErrors(error);
      setErrors(fields);
      if (!focusFirst(fields)) setProblem(Object.values(fields)[0] ?? describeError(error));
    }
  };

  return (
    <form class="inline-form" noValidate onSubmit={submit} aria-labelledby={headingId}>
      <h4 id={headingId} class="inline-form__title">
        {approve() ? t("progress.adjustments.approveTitle") : t("progress.adjustments.rejectTitle")}
      </h4>
      <div role="alert" class="alert-slot">
        <Show when={problem()}>{(p) => <p class="notice notice--error">{message(p())}</p>}</Show>
      </div>
      <Show when={approve()}>
        <DocumentFields
          draft={document}
          legend={t("progress.adjustments.decision")}
          errors={errors()}
          register={register}
        />
      </Show>
      <FormField
        label={approve() ? t("progress.adjustments.decisionComment") : t("progress.adjustments.rejectReason")}
        required={!approve()}
        error={errors().comment}
        control={(attrs) => (
          <textarea
            ref={register("comment")}
            id={attrs.id}
            class="field__control"
            rows={3}
            maxLength={4000}
            aria-invalid={attrs.invalid}
            aria-describedby={attrs.describedBy}
            value={comment()}
            onInput={(e) => setComment(e.currentTarget.value)}
          />
        )}
      />
      <div class="inline-form__actions">
        <button type="button" class="button button--quiet" disabled={busy()} onClick={() => props.onCancel()}>
          {t("progress.adjustments.cancel")}
        </button>
        <button
          type="submit"
          class="button"
          classList={{ "button--primary": approve(), "button--danger": !approve() }}
          disabled={busy() || document.uploading()}
          aria-busy={busy()}
        >
          {approve() ? t("progress.adjustments.approve") : t("progress.adjustments.reject")}
        </button>
      </div>
    </form>
  );
}

function AdjustmentForm(props: { task: TaskDetail; list: AdjustmentList; onCancel: () => void; onDone: () => void }) {
  const { t, message, locale } = useI18n();
  const format = useFormat();
  const headingId = createUniqueId();
  const controls = new Map<string, HTMLElement>();
  const register = (field: string) => (el: HTMLElement) => controls.set(field, el);
  const firstAllowed = props.list.kinds.find((k) => k.allowed)?.kind ?? "duration";
  const [kind, setKind] = createSignal<AdjustmentKind>(firstAllowed);
  const [endDate, setEndDate] = createSignal("");
  const [exceptional, setExceptional] = createSignal(false);
  const [total, setTotal] = createSignal("");
  const [state, setState] = createSignal("");
  const [pi, setPi] = createSignal<PersonRef | null>(null);
  const [host, setHost] = createSignal("");
  const [description, setDescription] = createSignal("");
  const [objectives, setObjectives] = createSignal("");
  const [reason, setReason] = createSignal("");
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [problem, setProblem] = createSignal<UserMessage | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [organisations] = createResource(loadOrganisations);

  const option = () => props.list.kinds.find((k) => k.kind === kind());
  const allowed = () => option()?.allowed ?? false;
  const months = () => extensionMonths(props.task.endDate, endDate());
  const second = () => props.list.approvedExtensions > 0;
  const needsJustification = () => kind() === "duration" && (second() || (months() ?? 0) > LONG_MONTHS);

  const order = [
    "kind",
    "after.endDate",
    "exceptional",
    "after.totalBudget",
    "after.stateBudget",
    "after.piPersonId",
    "after.hostOrganisationId",
    "after.description",
    "after.objectives",
    "reason",
  ];
  const focusFirst = (found: FieldErrors) => {
    const first = order.find((f) => found[f] && controls.has(f));
    if (first) controls.get(first)?.focus();
    return first !== undefined;
  };

  const money = (text: string, field: string, found: FieldErrors): string | null => {
    const parsed = parseMoneyInput(text, moneyUnit(), locale());
    if (parsed === null) {
      found[field] = { key: "errors.fieldRequired" };
      return null;
    }
    if (!parsed.ok) {
      found[field] = {
        key:
          parsed.problem === "whole"
            ? "errors.moneyWhole"
            : parsed.problem === "tooLarge"
              ? "errors.moneyTooLarge"
              : "errors.moneyFormat",
      };
      return null;
    }
    return parsed.dong.toString();
  };

  const build = (): { body: CreateAdjustmentBody | null; found: FieldErrors } => {
    const found: FieldErrors = {};
    const why = reason().trim();
    if (!why) found.reason = { key: "errors.fieldRequired" };
    else if (needsJustification() && why.length < MIN_JUSTIFICATION)
      found.reason = { key: "progress.adjustments.errors.justification", params: { min: String(MIN_JUSTIFICATION) } };
    const text = description().trim();
    switch (kind()) {
      case "duration": {
        if (!endDate()) found["after.endDate"] = { key: "errors.fieldRequired" };
        else if (props.task.endDate && endDate() <= props.task.endDate)
          found["after.endDate"] = {
            key: "progress.adjustments.errors.endDateLater",
            params: { date: format.date(props.task.endDate) },
          };
        if (second() && !exceptional()) found.exceptional = { key: "progress.adjustments.errors.exceptional" };
        return {
          found,
          body: {
            kind: "duration",
            reason: why,
            after: { endDate: endDate() },
            ...(exceptional() ? { exceptional: true } : {}),
          },
        };
      }
      case "budget": {
        const totalBudget = money(total(), "after.totalBudget", found);
        const stateBudget = money(state(), "after.stateBudget", found);
        if (totalBudget !== null && stateBudget !== null && BigInt(stateBudget) > BigInt(totalBudget))
          found["after.stateBudget"] = { key: "errors.stateOverTotal" };
        return {
          found,
          body: {
            kind: "budget",
            reason: why,
            after: { totalBudget: totalBudget ?? "0", stateBudget: stateBudget ?? "0" },
          },
        };
      }
      case "pi": {
        const person = pi();
        if (!person) found["after.piPersonId"] = { key: "errors.choiceRequired" };
        else if (person.id === props.task.pi?.id)
          found["after.piPersonId"] = { key: "progress.adjustments.errors.samePi" };
        return { found, body: { kind: "pi", reason: why, after: { piPersonId: person?.id ?? 0 } } };
      }
      case "host_organisation": {
        if (!host()) found["after.hostOrganisationId"] = { key: "errors.choiceRequired" };
        else if (Number(host()) === props.task.host?.id)
          found["after.hostOrganisationId"] = { key: "progress.adjustments.errors.sameHost" };
        return {
          found,
          body: { kind: "host_organisation", reason: why, after: { hostOrganisationId: Number(host()) } },
        };
      }
      case "content": {
        if (!text) found["after.description"] = { key: "errors.fieldRequired" };
        return {
          found,
          body: {
            kind: "content",
            reason: why,
            after: { description: text, ...(objectives().trim() ? { objectives: objectives().trim() } : {}) },
          },
        };
      }
      default: {
        if (!text) found["after.description"] = { key: "errors.fieldRequired" };
        return { found, body: { kind: kind() as "products" | "other", reason: why, after: { description: text } } };
      }
    }
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setProblem(null);
    if (!allowed()) {
      setProblem(kindAllowedText(option()?.reason ?? null, option()?.reasonCode));
      return;
    }
    const { body, found } = build();
    setErrors(found);
    if (Object.keys(found).length > 0 || !body) {
      focusFirst(found);
      return;
    }
    setBusy(true);
    try {
      await requestAdjustment(props.task.id, body);
      setBusy(false);
      props.onDone();
    } catch (error) {
      setBusy(false);
      const fields = progressFieldErrors(error);
      if (error instanceof ApiError && error.code === "ADJUSTMENT_REFUSED") {
        const why = refusalMessage(error) ??
          ruleMessage(error.message) ?? { key: "progress.adjustments.reasons.other" as const };
        setProblem({ key: "progress.adjustments.refused", params: { reason: message(why) } });
        setErrors(fields);
        return;
      }
      setErrors(fields);
      if (!focusFirst(fields)) setProblem(Object.values(fields)[0] ?? describeError(error));
    }
  };

  const textarea =
    (
      field: string,
      value: () => string,
      set: (v: string) => void,
      rows = 3,
    ): ((attrs: { id: string; invalid: true | undefined; describedBy: string | undefined }) => JSX.Element) =>
    (attrs) => (
      <textarea
        ref={register(field)}
        id={attrs.id}
        class="field__control"
        rows={rows}
        maxLength={10000}
        aria-invalid={attrs.invalid}
        aria-describedby={attrs.describedBy}
        value={value()}
        onInput={(e) => set(e.currentTarget.value)}
      />
    );

  const notAllowed = () => props.list.kinds.filter((k) => !k.allowed);

  return (
    <form class="inline-form" noValidate onSubmit={submit} aria-labelledby={headingId}>
      <h3 id={headingId} class="inline-form__title">
        {t("progress.adjustments.formTitle")}
      </h3>
      <div role="alert" class="alert-slot">
        <Show when={problem()}>{(p) => <p class="notice notice--error">{message(p())}</p>}</Show>
      </div>
      <FormField
        label={t("progress.adjustments.kind")}
        required
        error={
          errors().kind ?? (allowed() ? undefined : kindAllowedText(option()?.reason ?? null, option()?.reasonCode))
        }
        control={(attrs) => (
          <select
            ref={register("kind")}
            id={attrs.id}
            class="field__control"
            aria-invalid={attrs.invalid}
            aria-describedby={attrs.describedBy}
            onChange={(e) => {
              setKind(e.currentTarget.value as AdjustmentKind);
              setErrors({});
              setProblem(null);
            }}
          >
            <For each={props.list.kinds}>
              {(k) => (
                <option value={k.kind} selected={kind() === k.kind}>
                  {t(`progress.adjustments.kindValue.${k.kind}`)}
                </option>
              )}
            </For>
          </select>
        )}
      />
      <Show when={notAllowed().length > 0}>
        <div class="muted kinds-refused">
          <p>{t("progress.adjustments.notAllowedKinds")}:</p>
          <ul>
            <For each={notAllowed()}>
              {(k) => (
                <li>
                  {t(`progress.adjustments.kindValue.${k.kind}`)}: {message(kindAllowedText(k.reason, k.reasonCode))}
                </li>
              )}
            </For>
          </ul>
        </div>
      </Show>

      <Show when={allowed()}>
        <Switch>
          <Match when={kind() === "duration"}>
            <div class="form-grid">
              <FormField
                label={t("progress.adjustments.endDate")}
                required
                hint={t("progress.adjustments.currentEnd", { date: format.date(props.task.endDate) })}
                error={errors()["after.endDate"]}
                control={(attrs) => (
                  <input
                    ref={register("after.endDate")}
                    id={attrs.id}
                    type="date"
                    class="field__control"
                    min={props.task.endDate ? dayAfter(props.task.endDate) : undefined}
                    aria-invalid={attrs.invalid}
                    aria-describedby={attrs.describedBy}
                    value={endDate()}
                    onInput={(e) => setEndDate(e.currentTarget.value)}
                  />
                )}
              />
              <p class="months" aria-live="polite">
                <Show when={months()}>{(m) => t("progress.adjustments.months", { months: String(m()) })}</Show>
              </p>
            </div>
            <Show when={second()}>
              <FormField
                label={t("progress.adjustments.exceptional")}
                hint={t("progress.adjustments.exceptionalHint", { count: String(props.list.approvedExtensions) })}
                error={errors().exceptional}
                class="field--check"
                control={(attrs) => (
                  <input
                    ref={register("exceptional")}
                    id={attrs.id}
                    type="checkbox"
                    aria-invalid={attrs.invalid}
                    aria-describedby={attrs.describedBy}
                    checked={exceptional()}
                    onChange={(e) => setExceptional(e.currentTarget.checked)}
                  />
                )}
              />
            </Show>
          </Match>
          <Match when={kind() === "budget"}>
            <div class="money-head">
              <MoneyUnitToggle />
            </div>
            <div class="form-grid">
              <FormField
                label={`${t("progress.adjustments.totalBudget")} (${moneyUnit() === "million" ? t("money.millionUnit") : t("money.dongUnit")})`}
                required
                hint={t("progress.adjustments.current", { value: format.money(props.task.totalBudget) })}
                error={errors()["after.totalBudget"]}
                control={(attrs) => (
                  <input
                    ref={register("after.totalBudget")}
                    id={attrs.id}
                    inputMode="decimal"
                    class="field__control"
                    aria-invalid={attrs.invalid}
                    aria-describedby={attrs.describedBy}
                    value={total()}
                    onInput={(e) => setTotal(e.currentTarget.value)}
                  />
                )}
              />
              <FormField
                label={`${t("progress.adjustments.stateBudget")} (${moneyUnit() === "million" ? t("money.millionUnit") : t("money.dongUnit")})`}
                required
                hint={t("progress.adjustments.current", { value: format.money(props.task.stateBudget) })}
                error={errors()["after.stateBudget"]}
                control={(attrs) => (
                  <input
                    ref={register("after.stateBudget")}
                    id={attrs.id}
                    inputMode="decimal"
                    class="field__control"
                    aria-invalid={attrs.invalid}
                    aria-describedby={attrs.describedBy}
                    value={state()}
                    onInput={(e) => setState(e.currentTarget.value)}
                  />
                )}
              />
            </div>
          </Match>
          <Match when={kind() === "pi"}>
            <FormField
              label={t("progress.adjustments.pi")}
              required
              hint={t("progress.adjustments.current", { value: props.task.pi?.fullName ?? t("common.notSet") })}
              error={errors()["after.piPersonId"]}
              control={(attrs) => (
                <span ref={register("after.piPersonId")} tabIndex={-1}>
                  <PersonPicker
                    attrs={attrs}
                    label={t("progress.adjustments.pi")}
                    value={pi()}
                    onChange={setPi}
                    required
                  />
                </span>
              )}
            />
          </Match>
          <Match when={kind() === "host_organisation"}>
            <FormField
              label={t("progress.adjustments.host")}
              required
              hint={t("progress.adjustments.current", { value: props.task.host?.name ?? t("common.notSet") })}
              error={errors()["after.hostOrganisationId"]}
              control={(attrs) => (
                <select
                  ref={register("after.hostOrganisationId")}
                  id={attrs.id}
                  class="field__control"
                  aria-invalid={attrs.invalid}
                  aria-describedby={attrs.describedBy}
                  onChange={(e) => setHost(e.currentTarget.value)}
                >
                  <option value="" selected={host() === ""}>
                    {t("taskForm.choose")}
                  </option>
                  <For each={(organisations() ?? []).filter((o) => o.id !== props.task.host?.id)}>
                    {(o) => (
                      <option value={String(o.id)} selected={host() === String(o.id)}>
                        {o.name}
                      </option>
                    )}
                  </For>
                </select>
              )}
            />
          </Match>
          <Match when={true}>
            <FormField
              label={t("progress.adjustments.description")}
              required
              error={errors()["after.description"]}
              control={textarea("after.description", description, setDescription)}
            />
            <Show when={kind() === "content"}>
              <FormField
                label={t("progress.adjustments.objectives")}
                error={errors()["after.objectives"]}
                control={textarea("after.objectives", objectives, setObjectives)}
              />
            </Show>
          </Match>
        </Switch>

        <FormField
          label={t("progress.adjustments.reason")}
          required
          hint={
            needsJustification()
              ? t("progress.adjustments.longExtension", { count: String(reason().trim().length) })
              : undefined
          }
          error={errors().reason}
          control={textarea("reason", reason, setReason, 4)}
        />
      </Show>

      <div class="inline-form__actions">
        <button type="button" class="button button--quiet" disabled={busy()} onClick={() => props.onCancel()}>
          {t("progress.adjustments.cancel")}
        </button>
        <button type="submit" class="button button--primary" disabled={busy() || !allowed()} aria-busy={busy()}>
          {busy() ? t("progress.adjustments.submitting") : t("progress.adjustments.submit")}
        </button>
      </div>
    </form>
  );
}
