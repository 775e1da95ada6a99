import { useSearchParams } from "@solidjs/router";
import { createMemo, createResource, createSignal, createUniqueId, For, Index, type JSX, Show } from "solid-js";
import { ApiError } from "../../api/client.ts";
import {
  listRuleParameters,
  type Regime,
  type RuleParameterItem,
  type RuleParameterSource,
  resetRuleParameter,
  type StoredRegime,
  setRuleParameter,
} from "../../api/rule-parameters.ts";
import { loadUnits } from "../../catalog.ts";
import { FormField } from "../../components/FormField.tsx";
import { ErrorNotice, Loading } from "../../components/Status.tsx";
import { describeError, type UserMessage } from "../../errors.ts";
import { formatNumber } from "../../format.ts";
import { useI18n } from "../../i18n/context.tsx";
import { useFormat } from "../../i18n/format-hooks.ts";
import { usePageTitle } from "../../page-title.ts";
import { joinedValueError, type ValueErrors, valueErrors } from "../../rule-parameter-errors.ts";
import {
  type Draft,
  editorFor,
  fromDraft,
  type ParameterEditor,
  parameterText,
  toDraft,
} from "../../rule-parameters.ts";
import { AdminNav } from "./RequireAdmin.tsx";
import "./parameters.css";

const GROUP_ORDER = ["reports", "deadlines", "councils", "budget", "calendar", "imports", "other"] as const;
const REGIMES: readonly Regime[] = ["law_2013", "law_93_2025"];

interface Scope {
  unitId: number | null;
  regime: Regime | null;
}

/**
 * "Tham số quy định": every rule parameter for a unit (or all units) and a regime (or both), the
 * value in force and where it comes from, and an editor that stores a value for exactly that
 * scope or removes it so the inherited value applies again.
 */
export function RuleParametersAdmin() {
  const { t, message } = useI18n();
  usePageTitle(() => t("admin.parameters.title"));
  const [search, setSearch] = useSearchParams<{ donVi?: string; cheDo?: string }>();
  const [units] = createResource(loadUnits);
  const [flash, setFlash] = createSignal<UserMessage | null>(null);

  const scope = createMemo<Scope>(() => {
    const unit = Number(search.donVi);
    const regime = REGIMES.find((r) => r === search.cheDo) ?? null;
    return { unitId: Number.isInteger(unit) && unit > 0 ? unit : null, regime };
  });
  const [data, { refetch, mutate }] = createResource(scope, listRuleParameters);

  const unitName = (id: number | null) =>
    id === null
      ? t("admin.parameters.allUnits")
      : (units.latest?.find((u) => u.id === id)?.name ?? t("admin.parameters.unitRef", { id: String(id) }));
  const regimeName = (regime: StoredRegime) =>
    regime === "*" ? t("admin.parameters.anyRegime") : t(`regime.${regime}`);

  // Keyed by the group's name, so a saved parameter redraws its own card and no other.
  const groups = createMemo(() => GROUP_ORDER.filter((g) => (data.latest?.items ?? []).some((i) => i.group === g)));
  const itemsOf = (group: string) => (data.latest?.items ?? []).filter((i) => i.group === group);

  const changed = (item: RuleParameterItem, note: UserMessage) => {
    const current = data.latest;
    if (current) mutate({ ...current, items: current.items.map((i) => (i.key === item.key ? item : i)) });
    setFlash(note);
  };

  return (
    <div class="page">
      <div class="page-head">
        <h1>{t("admin.parameters.title")}</h1>
      </div>
      <AdminNav />
      <p class="muted">{t("admin.parameters.intro")}</p>
      <fieldset class="card param-scope">
        <legend>{t("admin.parameters.scope")}</legend>
        <FormField
          label={t("admin.parameters.unit")}
          control={(attrs) => (
            <select
              id={attrs.id}
              class="field__control"
              value={scope().unitId === null ? "" : String(scope().unitId)}
              onChange={(e) => {
                setFlash(null);
                setSearch({ donVi: e.currentTarget.value || undefined });
              }}
            >
              <option value="">{t("admin.parameters.allUnits")}</option>
              {/* Marked on the option itself: the units arrive after the select has its value. */}
              <For each={units.latest ?? []}>
                {(unit) => (
                  <option value={String(unit.id)} selected={unit.id === scope().unitId}>
                    {unit.name}
                  </option>
                )}
              </For>
            </select>
          )}
        />
        <FormField
          label={t("admin.parameters.regime")}
          control={(attrs) => (
            <select
              id={attrs.id}
              class="field__control"
              value={scope().regime ?? ""}
              onChange={(e) => {
                setFlash(null);
                setSearch({ cheDo: e.currentTarget.value || undefined });
              }}
            >
              <option value="">{t("admin.parameters.bothRegimes")}</option>
              <For each={REGIMES}>{(regime) => <option value={regime}>{t(`regime.${regime}`)}</option>}</For>
            </select>
          )}
        />
        <p class="param-scope__note">
          {t("admin.parameters.scopeNote", {
            unit: unitName(scope().unitId),
            regime: scope().regime ? t(`regime.${scope().regime as Regime}`) : t("admin.parameters.bothRegimes"),
          })}
        </p>
      </fieldset>
      <div role="status" class="alert-slot">
        <Show when={flash()}>{(note) => <p class="notice notice--success">{message(note())}</p>}</Show>
      </div>
      <Show
        when={!data.error || data.latest}
        fallback={<ErrorNotice message={message(describeError(data.error))} onRetry={refetch} />}
      >
        <Show when={data.latest} fallback={<Loading />}>
          {(list) => (
            <>
              <Show when={!list().canEdit}>
                <p class="notice notice--info">{t("admin.parameters.readOnly")}</p>
              </Show>
              <For each={groups()}>
                {(group) => (
                  <section class="param-group" aria-labelledby={`param-group-${group}`}>
                    <h2 id={`param-group-${group}`}>{t(`admin.parameters.groups.${group}`)}</h2>
                    <For each={itemsOf(group)}>
                      {(item) => (
                        <ParameterCard
                          item={item}
                          scope={scope()}
                          canEdit={list().canEdit}
                          unitName={unitName}
                          regimeName={regimeName}
                          onChanged={changed}
                          onStart={() => setFlash(null)}
                        />
                      )}
                    </For>
                  </section>
                )}
              </For>
            </>
          )}
        </Show>
      </Show>
    </div>
  );
}

function ParameterCard(props: {
  item: RuleParameterItem;
  scope: Scope;
  canEdit: boolean;
  unitName: (id: number | null) => string;
  regimeName: (regime: StoredRegime) => string;
  onChanged: (item: RuleParameterItem, note: UserMessage) => void;
  onStart: () => void;
}) {
  const { t, message, locale } = useI18n();
  const fmt = useFormat();
  const id = createUniqueId();
  const text = () => parameterText(locale(), props.item.key, props.item.description);
  const editor = editorFor(props.item.schema);
  const initial = props.item.atScope?.value ?? props.item.regimes[0]?.value;
  const [draft, setDraft] = createSignal<Draft>(toDraft(editor, initial));
  const [errors, setErrors] = createSignal<ValueErrors>({});
  const [formError, setFormError] = createSignal<UserMessage | null>(null);
  const [busy, setBusy] = createSignal(false);
  const storedRegime = (): StoredRegime => props.scope.regime ?? "*";

  const yesNo = (on: boolean) => (on ? t("admin.parameters.yes") : t("admin.parameters.no"));
  const plain = (value: unknown) => plainValue(editor, value, locale(), fmt.date, yesNo);
  const display = (value: unknown): JSX.Element => {
    if (Array.isArray(value) && value.length === 0 && editor.kind === "days") return t("admin.parameters.empty");
    if (editor.kind !== "json") return plain(value);
    return (
      <details class="param__json-value">
        <summary>{t("admin.parameters.showValue")}</summary>
        <pre>{JSON.stringify(value, null, 2)}</pre>
      </details>
    );
  };

  const sourceText = (source: RuleParameterSource) =>
    source.kind === "default"
      ? t("admin.parameters.sourceDefault")
      : source.unitId === null
        ? t("admin.parameters.sourceAllUnits", { regime: props.regimeName(source.regime) })
        : t("admin.parameters.sourceUnit", {
            unit: props.unitName(source.unitId),
            regime: props.regimeName(source.regime),
          });

  const fail = (caught: unknown) => {
    const found = valueErrors(caught, locale());
    setErrors(found);
    setFormError(Object.keys(found).length > 0 ? { key: "errors.VALIDATION_FAILED" } : describeError(caught));
  };

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    props.onStart();
    setErrors({});
    setFormError(null);
    const current = draft();
    // Empty rows of a list are dropped first, so the server's positions match the rows shown.
    if ("days" in current) setDraft({ days: current.days.filter((d) => d.trim() !== "") });
    const read = fromDraft(editor, draft());
    if ("invalidJson" in read) {
      setErrors({ "": { key: "admin.parameters.jsonInvalid" } });
      setFormError({ key: "errors.VALIDATION_FAILED" });
      return;
    }
    setBusy(true);
    try {
      const item = await setRuleParameter(props.item.key, {
        unitId: props.scope.unitId,
        regime: storedRegime(),
        value: read.value,
      });
      props.onChanged(item, { key: "admin.parameters.saved", params: { name: text().name } });
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(false);
    }
  };

  const reset = async () => {
    if (busy()) return;
    props.onStart();
    setErrors({});
    setFormError(null);
    setBusy(true);
    try {
      const item = await resetRuleParameter(props.item.key, { unitId: props.scope.unitId, regime: storedRegime() });
      props.onChanged(item, { key: "admin.parameters.resetDone", params: { name: text().name } });
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 404) setFormError({ key: "errors.NOT_FOUND" });
      else fail(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card param" aria-labelledby={`${id}-name`}>
      <h3 id={`${id}-name`} class="param__name">
        {text().name}
      </h3>
      <p class="param__description">{text().description}</p>
      <p class="param__key">
        <code>{props.item.key}</code>
      </p>
      <ul class="param__effective">
        <For each={props.item.regimes}>
          {(entry) => (
            <li>
              <span class="param__label">
                {props.item.regimes.length > 1
                  ? t("admin.parameters.inForceFor", { regime: t(`regime.${entry.regime}`) })
                  : t("admin.parameters.inForce")}
                {": "}
              </span>
              <strong class="param__value">{display(entry.value)}</strong>
              <span class="param__source">{t("admin.parameters.source", { source: sourceText(entry.source) })}</span>
              <Show when={editor.kind !== "json" && entry.source.kind !== "default"}>
                <span class="param__default">
                  {" · "}
                  {t("admin.parameters.defaultIs", { value: plain(entry.default) })}
                </span>
              </Show>
              <Show when={entry.error}>
                {(reason) => (
                  <p class="notice notice--error">{t("admin.parameters.storedInvalid", { reason: reason() })}</p>
                )}
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.item.overrides.length > 0}>
        <details class="param__overrides">
          <summary>{t("admin.parameters.overrides", { count: String(props.item.overrides.length) })}</summary>
          <ul>
            <For each={props.item.overrides}>
              {(o) => (
                <li>
                  <span>
                    {t("admin.parameters.overrideScope", {
                      unit:
                        o.unitId === null ? t("admin.parameters.allUnits") : (o.unitName ?? props.unitName(o.unitId)),
                      regime: props.regimeName(o.regime),
                    })}
                    {": "}
                  </span>
                  <strong>{display(o.value)}</strong>
                  <Show when={!o.valid}>
                    <span class="badge badge--inactive">{t("admin.parameters.overrideInvalid")}</span>
                  </Show>
                  <span class="muted param__meta">
                    {t("admin.parameters.overrideMeta", {
                      at: fmt.dateTime(o.updatedAt),
                      by: o.updatedBy ? t("admin.parameters.overrideBy", { name: o.updatedBy }) : "",
                    })}
                  </span>
                </li>
              )}
            </For>
          </ul>
        </details>
      </Show>
      <Show when={props.canEdit}>
        <form class="param__form" noValidate onSubmit={save} aria-labelledby={`${id}-name`}>
          <p class="param__here muted">
            {props.item.atScope ? t("admin.parameters.storedHere") : t("admin.parameters.nothingHere")}
          </p>
          <Show when={formError()}>
            {(error) => (
              <p class="notice notice--error" role="alert">
                {message(error())}
              </p>
            )}
          </Show>
          <ValueEditor editor={editor} draft={draft()} setDraft={setDraft} errors={errors()} disabled={busy()} />
          <div class="admin-actions">
            <button type="submit" class="button button--primary" disabled={busy()}>
              {busy() ? t("admin.parameters.saving") : t("admin.parameters.save")}
            </button>
            <button
              type="button"
              class="button"
              disabled={busy() || props.item.atScope === null}
              onClick={() => void reset()}
            >
              {t("admin.parameters.reset")}
            </button>
          </div>
        </form>
      </Show>
    </section>
  );
}

/** The editor for one kind of value; problems found by the server are marked where they are. */
function ValueEditor(props: {
  editor: ParameterEditor;
  draft: Draft;
  setDraft: (draft: Draft) => void;
  errors: ValueErrors;
  disabled: boolean;
}) {
  const { t, message } = useI18n();
  const id = createUniqueId();
  const textOf = () => ("text" in props.draft ? props.draft.text : "");
  const rootError = () => props.errors[""];
  const anyError = () => joinedValueError(props.errors, message);
  const editor = props.editor;

  switch (editor.kind) {
    case "number":
      return (
        <FormField
          label={t("admin.parameters.newValue")}
          error={anyError()}
          control={(attrs) => (
            <input
              id={attrs.id}
              class="field__control param__number"
              type="number"
              inputMode="numeric"
              step="1"
              min={editor.min ?? undefined}
              max={editor.max ?? undefined}
              disabled={props.disabled}
              aria-invalid={attrs.invalid}
              aria-describedby={attrs.describedBy}
              value={textOf()}
              onInput={(e) => props.setDraft({ text: e.currentTarget.value })}
            />
          )}
        />
      );
    case "choice":
      return (
        <FormField
          label={t("admin.parameters.newValue")}
          error={anyError()}
          control={(attrs) => (
            <select
              id={attrs.id}
              class="field__control param__number"
              disabled={props.disabled}
              aria-invalid={attrs.invalid}
              aria-describedby={attrs.describedBy}
              value={textOf()}
              onChange={(e) => props.setDraft({ text: e.currentTarget.value })}
            >
              <For each={editor.options}>{(option) => <option value={String(option)}>{String(option)}</option>}</For>
            </select>
          )}
        />
      );
    case "boolean":
      return (
        <div class="field" classList={{ "field--invalid": !!anyError() }}>
          <label class="checkbox">
            <input
              type="checkbox"
              disabled={props.disabled}
              aria-invalid={anyError() ? true : undefined}
              checked={textOf() === "true"}
              onChange={(e) => props.setDraft({ text: String(e.currentTarget.checked) })}
            />
            {t("admin.parameters.newValue")}
          </label>
          <Show when={anyError()}>{(error) => <p class="field__error">{message(error())}</p>}</Show>
        </div>
      );
    case "fraction": {
      const part = (which: "num" | "den") => ("num" in props.draft ? props.draft[which] : "");
      const set = (which: "num" | "den", value: string) =>
        props.setDraft({ num: part("num"), den: part("den"), [which]: value });
      return (
        <fieldset
          class="field param__fraction"
          classList={{ "field--invalid": !!anyError() }}
          aria-describedby={anyError() ? `${id}-error` : undefined}
        >
          <legend class="field__label">{t("admin.parameters.newValue")}</legend>
          <div class="param__fraction-row">
            <input
              class="field__control param__number"
              type="number"
              inputMode="numeric"
              step="1"
              aria-label={t("admin.parameters.numerator")}
              aria-invalid={props.errors.num || rootError() ? true : undefined}
              disabled={props.disabled}
              value={part("num")}
              onInput={(e) => set("num", e.currentTarget.value)}
            />
            <span aria-hidden="true">/</span>
            <input
              class="field__control param__number"
              type="number"
              inputMode="numeric"
              step="1"
              aria-label={t("admin.parameters.denominator")}
              aria-invalid={props.errors.den || rootError() ? true : undefined}
              disabled={props.disabled}
              value={part("den")}
              onInput={(e) => set("den", e.currentTarget.value)}
            />
          </div>
          <Show when={anyError()}>
            {(error) => (
              <p id={`${id}-error`} class="field__error">
                {message(error())}
              </p>
            )}
          </Show>
        </fieldset>
      );
    }
    case "days": {
      const days = () => ("days" in props.draft ? props.draft.days : []);
      const setDay = (index: number, value: string) =>
        props.setDraft({ days: days().map((d, i) => (i === index ? value : d)) });
      return (
        <fieldset
          class="field param__days"
          classList={{ "field--invalid": !!rootError() }}
          aria-describedby={
            [rootError() ? `${id}-error` : "", editor.format === "month-day" ? `${id}-hint` : ""]
              .filter(Boolean)
              .join(" ") || undefined
          }
        >
          <legend class="field__label">{t("admin.parameters.newValue")}</legend>
          <Show when={editor.format === "month-day"}>
            <p id={`${id}-hint`} class="field__hint">
              {t("admin.parameters.monthDayHint")}
            </p>
          </Show>
          <ol class="param__day-list">
            {/* Index, not For: a row keeps its input (and focus) while its text changes. */}
            <Index each={days()}>
              {(day, index) => {
                const error = () => props.errors[String(index)];
                return (
                  <li>
                    <div class="param__day-row">
                      <input
                        class="field__control"
                        type={editor.format === "date" ? "date" : "text"}
                        placeholder={editor.format === "month-day" ? "MM-DD" : undefined}
                        maxLength={10}
                        aria-label={t("admin.parameters.listItem", { n: String(index + 1) })}
                        aria-invalid={error() ? true : undefined}
                        aria-describedby={error() ? `${id}-error-${index}` : undefined}
                        disabled={props.disabled}
                        value={day()}
                        onInput={(e) => setDay(index, e.currentTarget.value)}
                      />
                      <button
                        type="button"
                        class="button button--quiet"
                        disabled={props.disabled}
                        onClick={() => props.setDraft({ days: days().filter((_, i) => i !== index) })}
                      >
                        {t("admin.parameters.removeDay", { n: String(index + 1) })}
                      </button>
                    </div>
                    <Show when={error()}>
                      {(message_) => (
                        <p id={`${id}-error-${index}`} class="field__error">
                          {message(message_())}
                        </p>
                      )}
                    </Show>
                  </li>
                );
              }}
            </Index>
          </ol>
          <button
            type="button"
            class="button param__add"
            disabled={props.disabled}
            onClick={() => props.setDraft({ days: [...days(), ""] })}
          >
            {t("admin.parameters.addDay")}
          </button>
          <Show when={rootError()}>
            {(error) => (
              <p id={`${id}-error`} class="field__error">
                {message(error())}
              </p>
            )}
          </Show>
        </fieldset>
      );
    }
    default:
      return (
        <FormField
          label={t("admin.parameters.newValue")}
          hint={t("admin.parameters.jsonHint")}
          error={anyError()}
          class="param__json"
          control={(attrs) => (
            <textarea
              id={attrs.id}
              class="field__control"
              rows={Math.min(16, Math.max(4, textOf().split("\n").length))}
              spellcheck={false}
              disabled={props.disabled}
              aria-invalid={attrs.invalid}
              aria-describedby={attrs.describedBy}
              value={textOf()}
              onInput={(e) => props.setDraft({ text: e.currentTarget.value })}
            />
          )}
        />
      );
  }
}

/** A day of the year (MM-DD) the way the reader writes it: 15/3 (vi), 15/03 (en). */
function monthDay(value: string, locale: "vi" | "en"): string {
  const match = /^(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(2024, Number(match[1]) - 1, Number(match[2])));
  return new Intl.DateTimeFormat(locale === "vi" ? "vi-VN" : "en-GB", {
    day: "numeric",
    month: locale === "vi" ? "numeric" : "short",
    timeZone: "UTC",
  }).format(date);
}

/** A short text for a value that has one (not for composite values). */
function plainValue(
  editor: ParameterEditor,
  value: unknown,
  locale: "vi" | "en",
  date: (iso: string) => string,
  yesNo: (on: boolean) => string,
): string {
  if (typeof value === "number") return formatNumber(value, locale);
  if (typeof value === "boolean") return yesNo(value);
  if (editor.kind === "fraction" && typeof value === "object" && value !== null) {
    const f = value as { num?: unknown; den?: unknown };
    return `${String(f.num)}/${String(f.den)}`;
  }
  if (Array.isArray(value) && editor.kind === "days") {
    return value.map((v) => (editor.format === "date" ? date(String(v)) : monthDay(String(v), locale))).join(", ");
  }
  return JSON.stringify(value);
}
