import type { TaskDetail } from "@khcn/api/tasks/schemas";
import { Show } from "solid-js";
import { parseDong } from "../format.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";

/** Width of the state share in a bar; a float is fine here: it only draws, it never counts money. */
function sharePercent(part: string, total: string): number {
  const p = parseDong(part);
  const t = parseDong(total);
  if (p === null || t === null || t <= 0n) return 0;
  return Math.min(100, Number((p * 1000n) / t) / 10);
}

/** Approved total and its split between the state S&T budget and other sources. */
export function TaskBudget(props: { task: TaskDetail }) {
  const { t } = useI18n();
  const format = useFormat();
  const share = (part: string) => format.share(part, props.task.totalBudget);

  return (
    <>
      <p class="budget-total">
        <span class="budget-total__label">{t("taskDetail.totalBudget")}</span>
        <span class="budget-total__value money">{format.money(props.task.totalBudget)}</span>
      </p>
      <div class="budget-bar" aria-hidden="true">
        <span
          class="budget-bar__state"
          style={{ width: `${sharePercent(props.task.stateBudget, props.task.totalBudget)}%` }}
        />
      </div>
      <dl class="budget-split">
        <div>
          <dt>
            <span class="swatch swatch--state" aria-hidden="true" />
            {t("taskDetail.stateBudget")}
          </dt>
          <dd>
            <span class="money">{format.money(props.task.stateBudget)}</span>
            <Show when={share(props.task.stateBudget)}>
              {(percent) => <span class="muted"> ({t("taskDetail.share", { percent: percent() })})</span>}
            </Show>
          </dd>
        </div>
        <div>
          <dt>
            <span class="swatch swatch--other" aria-hidden="true" />
            {t("taskDetail.otherBudget")}
          </dt>
          <dd>
            <span class="money">{format.money(props.task.otherBudget)}</span>
            <Show when={share(props.task.otherBudget)}>
              {(percent) => <span class="muted"> ({t("taskDetail.share", { percent: percent() })})</span>}
            </Show>
          </dd>
        </div>
      </dl>
    </>
  );
}
