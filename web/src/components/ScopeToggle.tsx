import { createUniqueId } from "solid-js";
import { useI18n } from "../i18n/context.tsx";

/** "All tasks" or "My tasks" (those the signed-in person leads or works on), as a segmented radio group. */
export function ScopeToggle(props: { mine: boolean; onChange: (mine: boolean) => void }) {
  const { t } = useI18n();
  const name = createUniqueId();
  return (
    <fieldset class="segmented scope-toggle">
      <legend class="segmented__legend">{t("taskList.scope")}</legend>
      <label class="segmented__option">
        <input type="radio" name={name} checked={!props.mine} onChange={() => props.onChange(false)} />
        <span>{t("taskList.scopeAll")}</span>
      </label>
      <label class="segmented__option">
        <input type="radio" name={name} checked={props.mine} onChange={() => props.onChange(true)} />
        <span>{t("taskList.scopeMine")}</span>
      </label>
    </fieldset>
  );
}
