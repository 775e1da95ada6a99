import type { OrganisationItem, ThemeItem, UnitItem } from "@khcn/api/catalog/schemas";
import type { TaskDetail } from "@khcn/api/tasks/schemas";
import { createMemo, createResource, createSignal, createUniqueId, For, type JSX, Show } from "solid-js";
import { createStore, produce } from "solid-js/store";
import { ApiError, createTask, updateTask } from "../api/client.ts";
import type { LockCode } from "../api/progress-types.ts";
import type { RecordField } from "../api/types.ts";
import { loadOrganisations, loadThemes, loadUnits } from "../catalog.ts";
import { describeError, type UserMessage } from "../errors.ts";
import { type FieldErrors, fieldMessage, lockReason } from "../field-errors.ts";
import type { MoneyUnit } from "../format.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { parseMoneyInput } from "../money-input.ts";
import { MONEY_UNITS, moneyUnit } from "../money-unit.ts";
import { FIELD_OPTIONS, KIND_OPTIONS } from "../options.ts";
import { useSession } from "../session.tsx";
import {
  convertMoneyText,
  createBody,
  type Draft,
  draftFromTask,
  draftToRecord,
  emptyDraft,
  FUNDING_MODES,
  formErrorKey,
  MEMBER_ROLES,
  type PersonRef,
  PRODUCT_CLASSES,
  REGIMES,
  rowKey,
  SELECTION_METHODS,
  updateBody,
} from "../task-form-model.ts";
import { themeName } from "../theme-tree.ts";
import { type ControlAttrs, FormField } from "./FormField.tsx";
import { PersonPicker } from "./PersonPicker.tsx";

/** Fields only the Department's staff set (api/src/auth/permissions.ts, STAFF_ONLY_TASK_FIELDS). */
const STAFF_ONLY: readonly RecordField[] = ["code", "managingUnitId", "piPersonId"];

/** The record's own fields held as text (inputs and choices). */
type OwnField = { [K in keyof Draft]: Draft[K] extends string ? K : never }[keyof Draft] & RecordField;
/** The repeatable lists of the record. */
type RowList = "team" | "contentItems" | "products" | "applicationSites";

type Alert = { kind: "stale" } | { kind: "message"; message: UserMessage };

/**
 * The task's record as a form: a new proposal, or an edit of an existing task. What the stage or
 * the user's role freezes is shown disabled with the reason; errors appear beside their fields,
 * in the reader's language, whether the browser or the server found them.
 */
export function TaskForm(props: {
  /** The task being edited; absent for a new proposal. */
  task?: TaskDetail;
  /** Whether the user registers as Department staff (sets code, unit and PI) rather than proposing their own task. */
  asStaff: boolean;
  onSaved: (task: TaskDetail) => void;
  onCancel: () => void;
  /** Reads the task again (after someone else changed it). */
  onReload?: () => void;
}) {
  const { t, locale, message } = useI18n();
  const format = useFormat();
  const session = useSession();
  const [unit, setUnit] = createSignal<MoneyUnit>(moneyUnit());
  const initial = (): Draft => {
    if (props.task) return draftFromTask(props.task, unit(), locale());
    const user = session.user();
    // A scientist proposing leads the proposal: they show as its PI, and may name its team.
    if (!props.asStaff && user?.personId != null) {
      return { ...emptyDraft(), pi: { id: user.personId, fullName: user.fullName, title: null } };
    }
    return emptyDraft();
  };
  const [draft, setDraft] = createStore<Draft>(initial());
  /** The record the form was filled from: an edit sends only what differs from it. */
  const baseline = props.task ? draftToRecord(draft, unit(), locale()).record : null;
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [alert, setAlert] = createSignal<Alert | null>(null);
  const [notice, setNotice] = createSignal<string>("");
  const [busy, setBusy] = createSignal(false);
  let form: HTMLFormElement | undefined;

  const [organisations] = createResource(() => loadOrganisations().catch((): OrganisationItem[] => []));
  const [units] = createResource(() => loadUnits().catch((): UnitItem[] => []));
  const [themes] = createResource(() => loadThemes().catch((): ThemeItem[] => []));

  /** Why each locked field is locked, by the API's stable code (worded from the catalogue). */
  const lockedCodes = createMemo((): Partial<Record<string, LockCode>> => {
    if (props.task) return props.task.edit.lockCodes;
    return props.asStaff ? {} : Object.fromEntries(STAFF_ONLY.map((f) => [f, "STAFF_ONLY" as const]));
  });
  const isLocked = (field: RecordField) => lockedCodes()[field] !== undefined;
  const lockedText = (field: RecordField) => {
    const code = lockedCodes()[field];
    return code === undefined ? undefined : t("taskForm.locked", { reason: t(`progress.lockCode.${code}`) });
  };
  /** The signed-in scientist, who leads their own proposal. */
  const self = (): PersonRef | null => {
    const user = session.user();
    return user?.personId != null ? { id: user.personId, fullName: user.fullName, title: null } : null;
  };
  /** A scientist proposing their own task: staff-only fields are not shown at all. */
  const proposing = () => !props.task && !props.asStaff;

  const error = (key: string) => errors()[key];
  const clearError = (key: string) => {
    if (errors()[key]) setErrors(({ [key]: _, ...rest }) => rest);
  };

  // ---- money

  const otherUnit = (): MoneyUnit => (unit() === "million" ? "dong" : "million");
  const moneyHint = (text: string) => {
    const parsed = parseMoneyInput(text, unit(), locale());
    return parsed?.ok
      ? t("taskForm.moneyEquals", { amount: format.money(parsed.dong.toString(), otherUnit()) })
      : undefined;
  };
  const otherSources = () => {
    const total = parseMoneyInput(draft.totalBudget, unit(), locale());
    const state = parseMoneyInput(draft.stateBudget, unit(), locale());
    if (!total?.ok) return null;
    const rest = total.dong - (state?.ok ? state.dong : 0n);
    return rest >= 0n ? format.money(rest.toString()) : null;
  };
  const switchUnit = (next: MoneyUnit) => {
    const from = unit();
    if (next === from) return;
    setDraft("totalBudget", (v) => convertMoneyText(v, from, next, locale()));
    setDraft("stateBudget", (v) => convertMoneyText(v, from, next, locale()));
    setUnit(next);
  };

  // ---- options

  const departments = () => (units() ?? []).filter((u) => u.kind === "department");
  const provinces = () => (units() ?? []).filter((u) => u.kind === "former_province");
  const hostOptions = () => [...(organisations() ?? [])].sort((a, b) => a.name.localeCompare(b.name, "vi"));
  const themeChoices = () => {
    const linked = new Set(props.task?.themes.map((th) => th.id) ?? []);
    const offered = (themes() ?? []).filter((th) => !th.archived || linked.has(th.id));
    const depth = new Map(offered.map((th) => [th.id, th.parentId === null ? 0 : 1]));
    const roots = offered.filter((th) => th.parentId === null || !depth.has(th.parentId));
    return roots
      .flatMap((root) => [root, ...offered.filter((th) => th.parentId === root.id)])
      .map((th) => ({
        id: th.id,
        name: themeName(th, locale()),
        depth: th.parentId === null || !depth.has(th.parentId) ? 0 : 1,
      }));
  };

  // ---- submitting

  const focusFirstError = () =>
    requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  const showServerFields = (fields: Readonly<Record<string, string>>, asLock: boolean) => {
    const found: FieldErrors = {};
    for (const [path, text] of Object.entries(fields)) {
      const key = formErrorKey(path, draft.pi !== null);
      const code = lockedCodes()[path.split(".")[0] ?? path];
      found[key] = asLock
        ? {
            key: "taskForm.locked",
            params: { reason: code ? t(`progress.lockCode.${code}`) : message(lockReason(text)) },
          }
        : fieldMessage(path, text);
    }
    setErrors(found);
    focusFirstError();
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setAlert(null);
    setNotice("");
    const { record, errors: found } = draftToRecord(draft, unit(), locale());
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setAlert({ kind: "message", message: { key: "errors.VALIDATION_FAILED" } });
      focusFirstError();
      return;
    }
    let request: Promise<TaskDetail>;
    if (props.task && baseline) {
      const body = updateBody(baseline, record, props.task.version);
      if (!body) {
        setNotice(t("taskForm.noChanges"));
        return;
      }
      request = updateTask(props.task.id, body);
    } else {
      request = createTask(createBody(record, props.asStaff, self()?.id ?? null));
    }
    setBusy(true);
    try {
      const saved = await request;
      props.onSaved(saved);
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === "STALE_VERSION") {
        setAlert({ kind: "stale" });
      } else {
        setAlert({ kind: "message", message: describeError(caught) });
        if (caught instanceof ApiError) showServerFields(caught.fields, caught.code === "FROZEN_FIELD");
      }
    } finally {
      setBusy(false);
    }
  };

  // ---- small builders

  /** Where a control reads and writes its value, which error it clears, and when it is frozen. */
  interface Binding {
    key: () => string;
    value: () => string;
    set: (v: string) => void;
    disabled: () => boolean;
    locked: () => string | undefined;
  }
  type Control = (to: Binding) => (attrs: ControlAttrs) => JSX.Element;

  /** One of the record's own text or choice fields. */
  const own = (key: OwnField): Binding => ({
    key: () => key,
    value: () => draft[key],
    set: (v) =>
      setDraft(
        produce((d) => {
          const fields: Record<OwnField, string> = d;
          fields[key] = v;
        }),
      ),
    disabled: () => isLocked(key),
    locked: () => lockedText(key),
  });

  /** A text field of one row of a repeatable list; the whole list locks together. */
  const cell = <R extends object>(list: RowList, i: () => number, row: R, field: keyof R & string): Binding => ({
    key: () => `${list}.${i()}.${field}`,
    value: () => row[field] as string,
    set: (v) =>
      setDraft(
        produce((d) => {
          (d[list][i()] as unknown as Record<string, unknown>)[field] = v;
        }),
      ),
    disabled: () => isLocked(list),
    locked: () => undefined,
  });

  const input =
    (extra: JSX.InputHTMLAttributes<HTMLInputElement> = {}): Control =>
    (to) =>
    (attrs) => (
      <input
        id={attrs.id}
        class="field__control"
        aria-invalid={attrs.invalid}
        aria-describedby={attrs.describedBy}
        value={to.value()}
        onInput={(e) => {
          to.set(e.currentTarget.value);
          clearError(to.key());
        }}
        disabled={to.disabled()}
        {...extra}
      />
    );

  const textarea =
    (extra: JSX.TextareaHTMLAttributes<HTMLTextAreaElement> = {}): Control =>
    (to) =>
    (attrs) => (
      <textarea
        id={attrs.id}
        class="field__control"
        aria-invalid={attrs.invalid}
        aria-describedby={attrs.describedBy}
        value={to.value()}
        onInput={(e) => {
          to.set(e.currentTarget.value);
          clearError(to.key());
        }}
        disabled={to.disabled()}
        {...extra}
      />
    );

  const select =
    (options: () => readonly { value: string; label: string; depth?: number }[], empty: string | null): Control =>
    (to) =>
    (attrs) => (
      <select
        id={attrs.id}
        class="field__control"
        aria-invalid={attrs.invalid}
        aria-describedby={attrs.describedBy}
        disabled={to.disabled()}
        onChange={(e) => {
          to.set(e.currentTarget.value);
          clearError(to.key());
        }}
      >
        <Show when={empty !== null}>
          <option value="" selected={to.value() === ""}>
            {empty}
          </option>
        </Show>
        <For each={options()}>
          {(option) => (
            <option value={option.value} selected={option.value === to.value()}>
              {"\u2003".repeat(option.depth ?? 0)}
              {option.label}
            </option>
          )}
        </For>
      </select>
    );

  /** A labelled field bound to the draft: its error and lock come from the binding. */
  const Field = (p: {
    label: string;
    to: Binding;
    control: Control;
    required?: boolean;
    class?: string;
    hint?: string | undefined;
  }) => (
    <FormField
      label={p.label}
      required={p.required}
      class={p.class}
      hint={p.hint}
      error={error(p.to.key())}
      locked={p.to.locked()}
      control={p.control(p.to)}
    />
  );

  const removeButton = (label: string, onClick: () => void, disabled: () => boolean) => (
    <button type="button" class="button button--quiet row__remove" disabled={disabled()} onClick={onClick}>
      {t("taskForm.removeRow", { row: label })}
    </button>
  );

  const sectionId = () => createUniqueId();

  return (
    <form ref={form} class="task-form" noValidate onSubmit={submit}>
      <p class="muted">{t("taskForm.intro")}</p>
      <div role="alert" class="alert-slot">
        <Show when={alert()}>
          {(current) => (
            <div class="notice notice--error">
              <Show
                when={current().kind === "stale"}
                fallback={<p>{message((current() as { message: UserMessage }).message)}</p>}
              >
                <p class="notice__title">{t("taskForm.stale")}</p>
                <p>{t("taskForm.staleBody")}</p>
                <button type="button" class="button" onClick={() => props.onReload?.()}>
                  {t("taskForm.reload")}
                </button>
              </Show>
            </div>
          )}
        </Show>
      </div>

      <FormSection title={t("taskForm.general")} id={sectionId()}>
        <div class="form-grid">
          <Field
            label={t("recordField.title")}
            required
            class="form-grid__wide"
            to={own("title")}
            control={textarea({ rows: 2, maxLength: 1000, required: true })}
          />
          <Show when={!proposing()}>
            <Field
              label={t("recordField.code")}
              hint={props.task ? undefined : t("taskForm.codeHint")}
              to={own("code")}
              control={input({ maxLength: 50, autocomplete: "off", spellcheck: false })}
            />
            <Field
              label={t("recordField.managingUnitId")}
              to={own("managingUnitId")}
              control={select(
                () => departments().map((u) => ({ value: String(u.id), label: u.name })),
                props.task ? null : t("taskForm.choose"),
              )}
            />
          </Show>
          <Field
            label={t("recordField.kind")}
            required
            to={own("kind")}
            control={select(() => KIND_OPTIONS.map((k) => ({ value: k, label: t(`kind.${k}`) })), t("taskForm.choose"))}
          />
          <Field
            label={t("recordField.field")}
            required
            to={own("field")}
            control={select(
              () => FIELD_OPTIONS.map((f) => ({ value: f, label: t(`field.${f}`) })),
              t("taskForm.choose"),
            )}
          />
          <Field
            label={t("recordField.regime")}
            to={own("regime")}
            control={select(() => REGIMES.map((r) => ({ value: r, label: t(`regime.${r}`) })), null)}
          />
          <Field
            label={t("recordField.fundingMode")}
            to={own("fundingMode")}
            control={select(() => FUNDING_MODES.map((m) => ({ value: m, label: t(`fundingMode.${m}`) })), null)}
          />
          <Field
            label={t("recordField.formerProvinceId")}
            to={own("formerProvinceId")}
            control={select(() => provinces().map((u) => ({ value: String(u.id), label: u.name })), t("taskForm.none"))}
          />
          <Field
            label={t("recordField.orderingAgency")}
            to={own("orderingAgency")}
            control={input({ maxLength: 300 })}
          />
        </div>
      </FormSection>

      <FormSection title={t("taskForm.organisation")} id={sectionId()}>
        <div class="form-grid">
          <Field
            label={t("recordField.hostOrganisationId")}
            class="form-grid__wide"
            to={own("hostOrganisationId")}
            control={select(
              () => hostOptions().map((o) => ({ value: String(o.id), label: o.name })),
              t("taskForm.choose"),
            )}
          />
          <Show
            when={!proposing()}
            fallback={
              <div class="notice notice--info form-grid__wide">
                <Show when={self()} fallback={<p>{t("taskForm.proposerPi")}</p>}>
                  {(me) => (
                    <p>
                      <strong>{t("recordField.piPersonId")}: </strong>
                      {me().fullName} — {t("taskForm.proposerPi")}
                    </p>
                  )}
                </Show>
              </div>
            }
          >
            <FormField
              label={t("recordField.piPersonId")}
              class="form-grid__wide"
              error={error("piPersonId")}
              locked={lockedText("piPersonId")}
              control={(attrs) => (
                <PersonPicker
                  attrs={attrs}
                  label={t("recordField.piPersonId")}
                  value={draft.pi}
                  disabled={isLocked("piPersonId")}
                  onChange={(person) => {
                    setDraft("pi", person);
                    clearError("piPersonId");
                  }}
                />
              )}
            />
          </Show>
        </div>

        <fieldset class="fieldset rows">
          <legend>{t("recordField.team")}</legend>
          <Show when={error("team")}>{(e) => <p class="field__error">{message(e())}</p>}</Show>
          <Show when={lockedText("team")}>{(text) => <p class="field__hint field__locked">{text()}</p>}</Show>
          <Show when={!proposing() || self()} fallback={<p class="muted">{t("taskForm.teamLater")}</p>}>
            <Show when={draft.team.length === 0}>
              <p class="muted">{t("taskForm.noRows")}</p>
            </Show>
            <For each={draft.team}>
              {(row, i) => (
                <div class="row">
                  <FormField
                    label={t("taskForm.member", { n: String(i() + 1) })}
                    class="row__grow"
                    required
                    error={error(`team.${i()}.personId`)}
                    control={(attrs) => (
                      <PersonPicker
                        attrs={attrs}
                        label={t("taskForm.member", { n: String(i() + 1) })}
                        value={row.person}
                        required
                        disabled={isLocked("team")}
                        onChange={(person) => {
                          setDraft("team", i(), "person", person);
                          clearError(`team.${i()}.personId`);
                        }}
                      />
                    )}
                  />
                  <Field
                    label={t("taskForm.memberRole")}
                    to={cell("team", i, row, "role")}
                    control={select(() => MEMBER_ROLES.map((r) => ({ value: r, label: t(`teamRole.${r}`) })), null)}
                  />
                  {removeButton(
                    t("taskForm.member", { n: String(i() + 1) }),
                    () => setDraft("team", (rows) => rows.filter((r) => r.key !== row.key)),
                    () => isLocked("team"),
                  )}
                </div>
              )}
            </For>
            <button
              type="button"
              class="button"
              disabled={isLocked("team")}
              onClick={() => setDraft("team", (rows) => [...rows, { key: rowKey(), person: null, role: "member" }])}
            >
              + {t("taskForm.addMember")}
            </button>
          </Show>
        </fieldset>
      </FormSection>

      <FormSection title={t("taskForm.scheduleBudget")} id={sectionId()}>
        <div class="form-grid">
          <Field
            label={t("recordField.selectionMethod")}
            class="form-grid__wide"
            to={own("selectionMethod")}
            control={select(
              () => SELECTION_METHODS.map((m) => ({ value: m, label: t(`selectionMethod.${m}`) })),
              t("taskForm.choose"),
            )}
          />
          <Field label={t("recordField.startDate")} to={own("startDate")} control={input({ type: "date" })} />
          <Field
            label={t("recordField.endDate")}
            to={own("endDate")}
            control={input({ type: "date", min: draft.startDate || undefined })}
          />
          <fieldset class="segmented form-grid__wide">
            <legend class="segmented__legend">{t("taskForm.moneyUnit")}</legend>
            <For each={MONEY_UNITS}>
              {(option) => (
                <label class="segmented__option">
                  <input
                    type="radio"
                    name="money-unit"
                    value={option}
                    checked={unit() === option}
                    onChange={() => switchUnit(option)}
                  />
                  <span>{t(option === "million" ? "money.million" : "money.dong")}</span>
                </label>
              )}
            </For>
          </fieldset>
          <Field
            label={`${t("recordField.totalBudget")} (${t(unit() === "million" ? "money.millionUnit" : "money.dongUnit")})`}
            hint={moneyHint(draft.totalBudget)}
            to={own("totalBudget")}
            control={input({
              inputmode: "decimal",
              autocomplete: "off",
              class: "field__control field__control--money",
            })}
          />
          <Field
            label={`${t("recordField.stateBudget")} (${t(unit() === "million" ? "money.millionUnit" : "money.dongUnit")})`}
            hint={moneyHint(draft.stateBudget)}
            to={own("stateBudget")}
            control={input({
              inputmode: "decimal",
              autocomplete: "off",
              class: "field__control field__control--money",
            })}
          />
          <Show when={otherSources()}>
            {(amount) => (
              <p class="form-grid__wide muted" aria-live="polite">
                {t("taskForm.otherSources", { amount: amount() })}
              </p>
            )}
          </Show>
        </div>
      </FormSection>

      <FormSection title={t("taskForm.content")} id={sectionId()}>
        <Field
          label={t("recordField.objectives")}
          to={own("objectives")}
          control={textarea({ rows: 4, maxLength: 10_000 })}
        />

        <fieldset class="fieldset">
          <legend>{t("recordField.themeIds")}</legend>
          <Show when={lockedText("themeIds")}>{(text) => <p class="field__hint field__locked">{text()}</p>}</Show>
          <Show when={error("themeIds")}>{(e) => <p class="field__error">{message(e())}</p>}</Show>
          <ul class="checklist">
            <For each={themeChoices()}>
              {(theme) => (
                <li classList={{ checklist__child: theme.depth > 0 }}>
                  <label class="checkbox">
                    <input
                      type="checkbox"
                      checked={draft.themeIds.includes(theme.id)}
                      disabled={isLocked("themeIds")}
                      onChange={(e) => {
                        const on = e.currentTarget.checked;
                        setDraft("themeIds", (ids) => (on ? [...ids, theme.id] : ids.filter((id) => id !== theme.id)));
                      }}
                    />
                    <span>{theme.name}</span>
                  </label>
                </li>
              )}
            </For>
          </ul>
        </fieldset>

        <fieldset class="fieldset rows">
          <legend>{t("recordField.contentItems")}</legend>
          <Show when={lockedText("contentItems")}>{(text) => <p class="field__hint field__locked">{text()}</p>}</Show>
          <Show when={draft.contentItems.length === 0}>
            <p class="muted">{t("taskForm.noRows")}</p>
          </Show>
          <For each={draft.contentItems}>
            {(row, i) => (
              <div class="row row--stacked">
                <p class="row__title">{t("taskForm.contentItem", { n: String(i() + 1) })}</p>
                <Field
                  label={t("taskForm.contentTitle")}
                  required
                  to={cell("contentItems", i, row, "title")}
                  control={input({ maxLength: 500 })}
                />
                <Field
                  label={t("taskForm.contentDescription")}
                  to={cell("contentItems", i, row, "description")}
                  control={textarea({ rows: 2, maxLength: 4000 })}
                />
                <div class="form-grid">
                  <Field
                    label={t("progress.record.plannedStart")}
                    to={cell("contentItems", i, row, "plannedStart")}
                    control={input({ type: "date" })}
                  />
                  <Field
                    label={t("progress.record.plannedEnd")}
                    to={cell("contentItems", i, row, "plannedEnd")}
                    control={input({ type: "date" })}
                  />
                </div>
                {removeButton(
                  t("taskForm.contentItem", { n: String(i() + 1) }),
                  () => setDraft("contentItems", (rows) => rows.filter((r) => r.key !== row.key)),
                  () => isLocked("contentItems"),
                )}
              </div>
            )}
          </For>
          <button
            type="button"
            class="button"
            disabled={isLocked("contentItems")}
            onClick={() =>
              setDraft("contentItems", (rows) => [
                ...rows,
                { key: rowKey(), title: "", description: "", plannedStart: "", plannedEnd: "" },
              ])
            }
          >
            + {t("taskForm.addContent")}
          </button>
        </fieldset>
      </FormSection>

      <FormSection title={t("recordField.products")} id={sectionId()}>
        <Show when={lockedText("products")}>{(text) => <p class="field__hint field__locked">{text()}</p>}</Show>
        <div class="rows">
          <Show when={draft.products.length === 0}>
            <p class="muted">{t("taskForm.noRows")}</p>
          </Show>
          <For each={draft.products}>
            {(row, i) => (
              <div class="row row--stacked">
                <p class="row__title">{t("taskForm.product", { n: String(i() + 1) })}</p>
                <div class="form-grid">
                  <Field
                    label={t("taskForm.productClass")}
                    to={cell("products", i, row, "productClass")}
                    control={select(
                      () => PRODUCT_CLASSES.map((c) => ({ value: c, label: t(`productClass.${c}`) })),
                      null,
                    )}
                  />
                  <Field
                    label={t("taskForm.productName")}
                    required
                    to={cell("products", i, row, "name")}
                    control={input({ maxLength: 500 })}
                  />
                  <Field
                    label={t("taskForm.productQuantity")}
                    required
                    to={cell("products", i, row, "quantity")}
                    control={input({ inputmode: "decimal", maxLength: 16 })}
                  />
                  <Field
                    label={t("taskForm.productUnit")}
                    required
                    to={cell("products", i, row, "unit")}
                    control={input({ maxLength: 50 })}
                  />
                  <Field
                    label={t("progress.record.productDueOn")}
                    to={cell("products", i, row, "dueOn")}
                    control={input({ type: "date" })}
                  />
                  <Field
                    label={t("taskForm.productSpecification")}
                    class="form-grid__wide"
                    to={cell("products", i, row, "specification")}
                    control={textarea({ rows: 2, maxLength: 4000 })}
                  />
                </div>
                {removeButton(
                  t("taskForm.product", { n: String(i() + 1) }),
                  () => setDraft("products", (rows) => rows.filter((r) => r.key !== row.key)),
                  () => isLocked("products"),
                )}
              </div>
            )}
          </For>
          <button
            type="button"
            class="button"
            disabled={isLocked("products")}
            onClick={() =>
              setDraft(
                produce((d) => {
                  d.products.push({
                    key: rowKey(),
                    productClass: "II",
                    name: "",
                    specification: "",
                    quantity: "1",
                    unit: "",
                    dueOn: "",
                  });
                }),
              )
            }
          >
            + {t("taskForm.addProduct")}
          </button>
        </div>
      </FormSection>

      <FormSection title={t("recordField.applicationSites")} id={sectionId()}>
        <Show when={lockedText("applicationSites")}>{(text) => <p class="field__hint field__locked">{text()}</p>}</Show>
        <div class="rows">
          <Show when={draft.applicationSites.length === 0}>
            <p class="muted">{t("taskForm.noRows")}</p>
          </Show>
          <For each={draft.applicationSites}>
            {(row, i) => (
              <div class="row row--stacked">
                <p class="row__title">{t("taskForm.site", { n: String(i() + 1) })}</p>
                <div class="form-grid form-grid--three">
                  <Field
                    label={t("taskForm.siteName")}
                    required
                    to={cell("applicationSites", i, row, "name")}
                    control={input({ maxLength: 300 })}
                  />
                  <Field
                    label={t("taskForm.siteLocation")}
                    to={cell("applicationSites", i, row, "location")}
                    control={input({ maxLength: 300 })}
                  />
                  <Field
                    label={t("taskForm.siteScale")}
                    to={cell("applicationSites", i, row, "scale")}
                    control={input({ maxLength: 300 })}
                  />
                </div>
                {removeButton(
                  t("taskForm.site", { n: String(i() + 1) }),
                  () => setDraft("applicationSites", (rows) => rows.filter((r) => r.key !== row.key)),
                  () => isLocked("applicationSites"),
                )}
              </div>
            )}
          </For>
          <button
            type="button"
            class="button"
            disabled={isLocked("applicationSites")}
            onClick={() =>
              setDraft("applicationSites", (rows) => [...rows, { key: rowKey(), name: "", location: "", scale: "" }])
            }
          >
            + {t("taskForm.addSite")}
          </button>
        </div>
      </FormSection>

      <div class="form-actions">
        <p class="form-actions__notice" role="status">
          {notice()}
        </p>
        <button type="button" class="button button--quiet" onClick={() => props.onCancel()} disabled={busy()}>
          {t("taskForm.cancel")}
        </button>
        <button type="submit" class="button button--primary" disabled={busy()} aria-busy={busy()}>
          {busy() ? t("taskForm.saving") : props.task ? t("taskForm.submitEdit") : t("taskForm.submitCreate")}
        </button>
      </div>
    </form>
  );
}

function FormSection(props: { title: string; id: string; children: JSX.Element }) {
  return (
    <section class="card section form-section" aria-labelledby={props.id}>
      <h2 id={props.id} class="section__title form-section__title">
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}
