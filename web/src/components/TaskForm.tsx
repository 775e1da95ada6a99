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
  type MemberRole,
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

  const input =
    (
      key: string,
      value: () => string,
      set: (v: string) => void,
      extra: JSX.InputHTMLAttributes<HTMLInputElement> = {},
    ) =>
    (attrs: ControlAttrs) => (
      <input
        id={attrs.id}
        class="field__control"
        aria-invalid={attrs.invalid}
        aria-describedby={attrs.describedBy}
        value={value()}
        onInput={(e) => {
          set(e.currentTarget.value);
          clearError(key);
        }}
        {...extra}
      />
    );

  const textarea =
    (
      key: string,
      value: () => string,
      set: (v: string) => void,
      extra: JSX.TextareaHTMLAttributes<HTMLTextAreaElement> = {},
    ) =>
    (attrs: ControlAttrs) => (
      <textarea
        id={attrs.id}
        class="field__control"
        aria-invalid={attrs.invalid}
        aria-describedby={attrs.describedBy}
        value={value()}
        onInput={(e) => {
          set(e.currentTarget.value);
          clearError(key);
        }}
        {...extra}
      />
    );

  const select =
    (
      key: string,
      value: () => string,
      set: (v: string) => void,
      options: () => readonly { value: string; label: string; depth?: number }[],
      empty: string | null,
      disabled?: () => boolean,
    ) =>
    (attrs: ControlAttrs) => (
      <select
        id={attrs.id}
        class="field__control"
        aria-invalid={attrs.invalid}
        aria-describedby={attrs.describedBy}
        disabled={disabled?.()}
        onChange={(e) => {
          set(e.currentTarget.value);
          clearError(key);
        }}
      >
        <Show when={empty !== null}>
          <option value="" selected={value() === ""}>
            {empty}
          </option>
        </Show>
        <For each={options()}>
          {(option) => (
            <option value={option.value} selected={option.value === value()}>
              {"\u2003".repeat(option.depth ?? 0)}
              {option.label}
            </option>
          )}
        </For>
      </select>
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
          <FormField
            label={t("recordField.title")}
            required
            class="form-grid__wide"
            error={error("title")}
            locked={lockedText("title")}
            control={textarea(
              "title",
              () => draft.title,
              (v) => setDraft("title", v),
              {
                rows: 2,
                maxLength: 1000,
                required: true,
                disabled: isLocked("title"),
              },
            )}
          />
          <Show when={!proposing()}>
            <FormField
              label={t("recordField.code")}
              hint={props.task ? undefined : t("taskForm.codeHint")}
              error={error("code")}
              locked={lockedText("code")}
              control={input(
                "code",
                () => draft.code,
                (v) => setDraft("code", v),
                {
                  maxLength: 50,
                  autocomplete: "off",
                  spellcheck: false,
                  disabled: isLocked("code"),
                },
              )}
            />
            <FormField
              label={t("recordField.managingUnitId")}
              error={error("managingUnitId")}
              locked={lockedText("managingUnitId")}
              control={select(
                "managingUnitId",
                () => draft.managingUnitId,
                (v) => setDraft("managingUnitId", v),
                () => departments().map((u) => ({ value: String(u.id), label: u.name })),
                props.task ? null : t("taskForm.choose"),
                () => isLocked("managingUnitId"),
              )}
            />
          </Show>
          <FormField
            label={t("recordField.kind")}
            required
            error={error("kind")}
            locked={lockedText("kind")}
            control={select(
              "kind",
              () => draft.kind,
              (v) => setDraft("kind", v as Draft["kind"]),
              () => KIND_OPTIONS.map((k) => ({ value: k, label: t(`kind.${k}`) })),
              t("taskForm.choose"),
              () => isLocked("kind"),
            )}
          />
          <FormField
            label={t("recordField.field")}
            required
            error={error("field")}
            locked={lockedText("field")}
            control={select(
              "field",
              () => draft.field,
              (v) => setDraft("field", v as Draft["field"]),
              () => FIELD_OPTIONS.map((f) => ({ value: f, label: t(`field.${f}`) })),
              t("taskForm.choose"),
              () => isLocked("field"),
            )}
          />
          <FormField
            label={t("recordField.regime")}
            error={error("regime")}
            locked={lockedText("regime")}
            control={select(
              "regime",
              () => draft.regime,
              (v) => setDraft("regime", v as Draft["regime"]),
              () => REGIMES.map((r) => ({ value: r, label: t(`regime.${r}`) })),
              null,
              () => isLocked("regime"),
            )}
          />
          <FormField
            label={t("recordField.fundingMode")}
            error={error("fundingMode")}
            locked={lockedText("fundingMode")}
            control={select(
              "fundingMode",
              () => draft.fundingMode,
              (v) => setDraft("fundingMode", v as Draft["fundingMode"]),
              () => FUNDING_MODES.map((m) => ({ value: m, label: t(`fundingMode.${m}`) })),
              null,
              () => isLocked("fundingMode"),
            )}
          />
          <FormField
            label={t("recordField.formerProvinceId")}
            error={error("formerProvinceId")}
            locked={lockedText("formerProvinceId")}
            control={select(
              "formerProvinceId",
              () => draft.formerProvinceId,
              (v) => setDraft("formerProvinceId", v),
              () => provinces().map((u) => ({ value: String(u.id), label: u.name })),
              t("taskForm.none"),
              () => isLocked("formerProvinceId"),
            )}
          />
          <FormField
            label={t("recordField.orderingAgency")}
            error={error("orderingAgency")}
            locked={lockedText("orderingAgency")}
            control={input(
              "orderingAgency",
              () => draft.orderingAgency,
              (v) => setDraft("orderingAgency", v),
              {
                maxLength: 300,
                disabled: isLocked("orderingAgency"),
              },
            )}
          />
        </div>
      </FormSection>

      <FormSection title={t("taskForm.organisation")} id={sectionId()}>
        <div class="form-grid">
          <FormField
            label={t("recordField.hostOrganisationId")}
            class="form-grid__wide"
            error={error("hostOrganisationId")}
            locked={lockedText("hostOrganisationId")}
            control={select(
              "hostOrganisationId",
              () => draft.hostOrganisationId,
              (v) => setDraft("hostOrganisationId", v),
              () => hostOptions().map((o) => ({ value: String(o.id), label: o.name })),
              t("taskForm.choose"),
              () => isLocked("hostOrganisationId"),
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
                  <FormField
                    label={t("taskForm.memberRole")}
                    error={error(`team.${i()}.role`)}
                    control={select(
                      `team.${i()}.role`,
                      () => row.role,
                      (v) => setDraft("team", i(), "role", v as MemberRole),
                      () => MEMBER_ROLES.map((r) => ({ value: r, label: t(`teamRole.${r}`) })),
                      null,
                      () => isLocked("team"),
                    )}
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
          <FormField
            label={t("recordField.selectionMethod")}
            class="form-grid__wide"
            error={error("selectionMethod")}
            locked={lockedText("selectionMethod")}
            control={select(
              "selectionMethod",
              () => draft.selectionMethod,
              (v) => setDraft("selectionMethod", v as Draft["selectionMethod"]),
              () => SELECTION_METHODS.map((m) => ({ value: m, label: t(`selectionMethod.${m}`) })),
              t("taskForm.choose"),
              () => isLocked("selectionMethod"),
            )}
          />
          <FormField
            label={t("recordField.startDate")}
            error={error("startDate")}
            locked={lockedText("startDate")}
            control={input(
              "startDate",
              () => draft.startDate,
              (v) => setDraft("startDate", v),
              {
                type: "date",
                disabled: isLocked("startDate"),
              },
            )}
          />
          <FormField
            label={t("recordField.endDate")}
            error={error("endDate")}
            locked={lockedText("endDate")}
            control={input(
              "endDate",
              () => draft.endDate,
              (v) => setDraft("endDate", v),
              {
                type: "date",
                min: draft.startDate || undefined,
                disabled: isLocked("endDate"),
              },
            )}
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
          <FormField
            label={`${t("recordField.totalBudget")} (${t(unit() === "million" ? "money.millionUnit" : "money.dongUnit")})`}
            error={error("totalBudget")}
            hint={moneyHint(draft.totalBudget)}
            locked={lockedText("totalBudget")}
            control={input(
              "totalBudget",
              () => draft.totalBudget,
              (v) => setDraft("totalBudget", v),
              {
                inputmode: "decimal",
                autocomplete: "off",
                class: "field__control field__control--money",
                disabled: isLocked("totalBudget"),
              },
            )}
          />
          <FormField
            label={`${t("recordField.stateBudget")} (${t(unit() === "million" ? "money.millionUnit" : "money.dongUnit")})`}
            error={error("stateBudget")}
            hint={moneyHint(draft.stateBudget)}
            locked={lockedText("stateBudget")}
            control={input(
              "stateBudget",
              () => draft.stateBudget,
              (v) => setDraft("stateBudget", v),
              {
                inputmode: "decimal",
                autocomplete: "off",
                class: "field__control field__control--money",
                disabled: isLocked("stateBudget"),
              },
            )}
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
        <FormField
          label={t("recordField.objectives")}
          error={error("objectives")}
          locked={lockedText("objectives")}
          control={textarea(
            "objectives",
            () => draft.objectives,
            (v) => setDraft("objectives", v),
            {
              rows: 4,
              maxLength: 10_000,
              disabled: isLocked("objectives"),
            },
          )}
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
                <FormField
                  label={t("taskForm.contentTitle")}
                  required
                  error={error(`contentItems.${i()}.title`)}
                  control={input(
                    `contentItems.${i()}.title`,
                    () => row.title,
                    (v) => setDraft("contentItems", i(), "title", v),
                    { maxLength: 500, disabled: isLocked("contentItems") },
                  )}
                />
                <FormField
                  label={t("taskForm.contentDescription")}
                  error={error(`contentItems.${i()}.description`)}
                  control={textarea(
                    `contentItems.${i()}.description`,
                    () => row.description,
                    (v) => setDraft("contentItems", i(), "description", v),
                    { rows: 2, maxLength: 4000, disabled: isLocked("contentItems") },
                  )}
                />
                <div class="form-grid">
                  <FormField
                    label={t("progress.record.plannedStart")}
                    error={error(`contentItems.${i()}.plannedStart`)}
                    control={input(
                      `contentItems.${i()}.plannedStart`,
                      () => row.plannedStart,
                      (v) => setDraft("contentItems", i(), "plannedStart", v),
                      { type: "date", disabled: isLocked("contentItems") },
                    )}
                  />
                  <FormField
                    label={t("progress.record.plannedEnd")}
                    error={error(`contentItems.${i()}.plannedEnd`)}
                    control={input(
                      `contentItems.${i()}.plannedEnd`,
                      () => row.plannedEnd,
                      (v) => setDraft("contentItems", i(), "plannedEnd", v),
                      { type: "date", disabled: isLocked("contentItems") },
                    )}
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
                  <FormField
                    label={t("taskForm.productClass")}
                    error={error(`products.${i()}.productClass`)}
                    control={select(
                      `products.${i()}.productClass`,
                      () => row.productClass,
                      (v) => setDraft("products", i(), "productClass", v as (typeof PRODUCT_CLASSES)[number]),
                      () => PRODUCT_CLASSES.map((c) => ({ value: c, label: t(`productClass.${c}`) })),
                      null,
                      () => isLocked("products"),
                    )}
                  />
                  <FormField
                    label={t("taskForm.productName")}
                    required
                    error={error(`products.${i()}.name`)}
                    control={input(
                      `products.${i()}.name`,
                      () => row.name,
                      (v) => setDraft("products", i(), "name", v),
                      { maxLength: 500, disabled: isLocked("products") },
                    )}
                  />
                  <FormField
                    label={t("taskForm.productQuantity")}
                    required
                    error={error(`products.${i()}.quantity`)}
                    control={input(
                      `products.${i()}.quantity`,
                      () => row.quantity,
                      (v) => setDraft("products", i(), "quantity", v),
                      { inputmode: "decimal", maxLength: 16, disabled: isLocked("products") },
                    )}
                  />
                  <FormField
                    label={t("taskForm.productUnit")}
                    required
                    error={error(`products.${i()}.unit`)}
                    control={input(
                      `products.${i()}.unit`,
                      () => row.unit,
                      (v) => setDraft("products", i(), "unit", v),
                      { maxLength: 50, disabled: isLocked("products") },
                    )}
                  />
                  <FormField
                    label={t("progress.record.productDueOn")}
                    error={error(`products.${i()}.dueOn`)}
                    control={input(
                      `products.${i()}.dueOn`,
                      () => row.dueOn,
                      (v) => setDraft("products", i(), "dueOn", v),
                      { type: "date", disabled: isLocked("products") },
                    )}
                  />
                  <FormField
                    label={t("taskForm.productSpecification")}
                    class="form-grid__wide"
                    error={error(`products.${i()}.specification`)}
                    control={textarea(
                      `products.${i()}.specification`,
                      () => row.specification,
                      (v) => setDraft("products", i(), "specification", v),
                      { rows: 2, maxLength: 4000, disabled: isLocked("products") },
                    )}
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
                  <FormField
                    label={t("taskForm.siteName")}
                    required
                    error={error(`applicationSites.${i()}.name`)}
                    control={input(
                      `applicationSites.${i()}.name`,
                      () => row.name,
                      (v) => setDraft("applicationSites", i(), "name", v),
                      { maxLength: 300, disabled: isLocked("applicationSites") },
                    )}
                  />
                  <FormField
                    label={t("taskForm.siteLocation")}
                    error={error(`applicationSites.${i()}.location`)}
                    control={input(
                      `applicationSites.${i()}.location`,
                      () => row.location,
                      (v) => setDraft("applicationSites", i(), "location", v),
                      { maxLength: 300, disabled: isLocked("applicationSites") },
                    )}
                  />
                  <FormField
                    label={t("taskForm.siteScale")}
                    error={error(`applicationSites.${i()}.scale`)}
                    control={input(
                      `applicationSites.${i()}.scale`,
                      () => row.scale,
                      (v) => setDraft("applicationSites", i(), "scale", v),
                      { maxLength: 300, disabled: isLocked("applicationSites") },
                    )}
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
