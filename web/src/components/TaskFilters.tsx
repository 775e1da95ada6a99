import type { OrganisationItem, ThemeItem } from "@khcn/api/catalog/schemas";
import { createSignal, createUniqueId, Show } from "solid-js";
import { useI18n } from "../i18n/context.tsx";
import { FIELD_OPTIONS, KIND_OPTIONS, STAGE_OPTIONS, YEAR_OPTIONS } from "../options.ts";
import { activeFilterCount, type TaskListState } from "../task-list-url.ts";
import { themeOptions } from "../theme-tree.ts";
import { SearchBox } from "./SearchBox.tsx";
import { SelectField, type SelectOption } from "./SelectField.tsx";

export type FilterPatch = Partial<Pick<TaskListState, "stage" | "theme" | "kind" | "field" | "host" | "year" | "q">>;

function optionalInt(value: string): number | undefined {
  return value === "" ? undefined : Number(value);
}

/**
 * Search box and filter selects for the task list. On phones the selects fold away behind a
 * "Filters (n)" button; on wider screens they are always shown.
 */
export function TaskFilters(props: {
  state: TaskListState;
  themes: readonly ThemeItem[];
  organisations: readonly OrganisationItem[];
  onChange: (patch: FilterPatch) => void;
  onSearch: (q: string) => void;
  onClear: () => void;
}) {
  const { t, locale } = useI18n();
  const panelId = createUniqueId();
  const [open, setOpen] = createSignal(false);

  const count = () => activeFilterCount(props.state);
  const selectCount = () => count() - (props.state.q ? 1 : 0);

  const stageOptions = (): SelectOption[] => STAGE_OPTIONS.map((s) => ({ value: s, label: t(`stage.${s}`) }));
  const kindOptions = (): SelectOption[] => KIND_OPTIONS.map((k) => ({ value: k, label: t(`kind.${k}`) }));
  const fieldOptions = (): SelectOption[] => FIELD_OPTIONS.map((f) => ({ value: f, label: t(`field.${f}`) }));
  const yearOptions = (): SelectOption[] => YEAR_OPTIONS.map((y) => ({ value: String(y), label: String(y) }));
  const themeSelectOptions = (): SelectOption[] =>
    themeOptions(props.themes, locale()).map((o) => ({ value: String(o.id), label: o.name, depth: o.depth }));
  const hostOptions = (): SelectOption[] =>
    [...props.organisations]
      .sort((a, b) => a.name.localeCompare(b.name, "vi"))
      .map((o) => ({ value: String(o.id), label: o.name }));

  return (
    <section class="filters" aria-label={t("taskList.filters")}>
      <div class="filters__search">
        <SearchBox
          label={t("taskList.search")}
          placeholder={t("taskList.searchPlaceholder")}
          value={props.state.q}
          onCommit={props.onSearch}
        />
        <button
          type="button"
          class="button filters__toggle"
          aria-expanded={open()}
          aria-controls={panelId}
          onClick={() => setOpen(!open())}
        >
          {selectCount() > 0 ? t("taskList.filtersWithCount", { count: selectCount() }) : t("taskList.filters")}
        </button>
      </div>
      <div id={panelId} class="filters__panel" classList={{ "is-open": open() }}>
        <SelectField
          label={t("taskList.stage")}
          allLabel={t("taskList.allStages")}
          name="stage"
          value={props.state.stage ?? ""}
          options={stageOptions()}
          onChange={(v) => props.onChange({ stage: STAGE_OPTIONS.find((s) => s === v) })}
        />
        <SelectField
          label={t("taskList.theme")}
          allLabel={t("taskList.allThemes")}
          name="theme"
          value={props.state.theme === undefined ? "" : String(props.state.theme)}
          options={themeSelectOptions()}
          onChange={(v) => props.onChange({ theme: optionalInt(v) })}
        />
        <SelectField
          label={t("taskList.kind")}
          allLabel={t("taskList.allKinds")}
          name="kind"
          value={props.state.kind ?? ""}
          options={kindOptions()}
          onChange={(v) => props.onChange({ kind: KIND_OPTIONS.find((k) => k === v) })}
        />
        <SelectField
          label={t("taskList.field")}
          allLabel={t("taskList.allFields")}
          name="field"
          value={props.state.field ?? ""}
          options={fieldOptions()}
          onChange={(v) => props.onChange({ field: FIELD_OPTIONS.find((f) => f === v) })}
        />
        <SelectField
          label={t("taskList.host")}
          allLabel={t("taskList.allHosts")}
          name="host"
          value={props.state.host === undefined ? "" : String(props.state.host)}
          options={hostOptions()}
          onChange={(v) => props.onChange({ host: optionalInt(v) })}
        />
        <SelectField
          label={t("taskList.year")}
          allLabel={t("taskList.allYears")}
          name="year"
          value={props.state.year === undefined ? "" : String(props.state.year)}
          options={yearOptions()}
          onChange={(v) => props.onChange({ year: optionalInt(v) })}
        />
        <Show when={count() > 0}>
          <div class="filters__actions">
            <button type="button" class="button button--quiet" onClick={() => props.onClear()}>
              {t("taskList.clearFilters")}
            </button>
          </div>
        </Show>
      </div>
    </section>
  );
}
