import { createUniqueId, For } from "solid-js";
import { useI18n } from "../i18n/context.tsx";
import { MONEY_UNITS, moneyUnit, setMoneyUnit } from "../money-unit.ts";

/** đồng / triệu đồng, as two radio buttons styled as a segmented control. */
export function MoneyUnitToggle() {
  const { t } = useI18n();
  const name = createUniqueId();
  return (
    <fieldset class="segmented money-toggle">
      <legend class="segmented__legend">{t("money.unitLabel")}</legend>
      <For each={MONEY_UNITS}>
        {(unit) => (
          <label class="segmented__option">
            <input
              type="radio"
              name={name}
              value={unit}
              checked={moneyUnit() === unit}
              onChange={() => setMoneyUnit(unit)}
            />
            <span>{t(unit === "million" ? "money.million" : "money.dong")}</span>
          </label>
        )}
      </For>
    </fieldset>
  );
}
