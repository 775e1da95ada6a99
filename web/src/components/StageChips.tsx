import { For, Show } from "solid-js";
import type { Stage } from "../api/types.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { STAGE_OPTIONS } from "../options.ts";

/**
 * How many tasks each stage holds under the current filters, as a row of toggle chips: pressing
 * one filters the list to that stage, "All" clears the stage. Stages without tasks are left out.
 */
export function StageChips(props: {
  counts: Partial<Record<Stage, number>>;
  selected: Stage | undefined;
  onSelect: (stage: Stage | undefined) => void;
}) {
  const { t } = useI18n();
  const format = useFormat();
  const total = () => Object.values(props.counts).reduce((sum, n) => sum + (n ?? 0), 0);
  const shown = () => STAGE_OPTIONS.filter((stage) => (props.counts[stage] ?? 0) > 0 || stage === props.selected);

  return (
    <fieldset class="stage-chips">
      <legend class="visually-hidden">{t("taskList.stageCounts")}</legend>
      <button
        type="button"
        class="stage-chip"
        aria-pressed={props.selected === undefined}
        onClick={() => props.onSelect(undefined)}
      >
        {t("taskList.allStagesCount")}
        <span class="stage-chip__count">{format.number(total())}</span>
      </button>
      <For each={shown()}>
        {(stage) => (
          <button
            type="button"
            class="stage-chip"
            aria-pressed={props.selected === stage}
            onClick={() => props.onSelect(props.selected === stage ? undefined : stage)}
          >
            {t(`stage.${stage}`)}
            <Show when={props.counts[stage] !== undefined}>
              <span class="stage-chip__count">{format.number(props.counts[stage] ?? 0)}</span>
            </Show>
          </button>
        )}
      </For>
    </fieldset>
  );
}
