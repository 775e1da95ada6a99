import { A } from "@solidjs/router";
import { For } from "solid-js";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { personName } from "../people.ts";
import { StageBadge } from "./StageBadge.tsx";
import type { TaskListViewProps } from "./TaskTable.tsx";
import { ThemeChips } from "./ThemeChips.tsx";

/** The task list as cards, for phone widths. */
export function TaskCards(props: Omit<TaskListViewProps, "sort" | "order" | "onSort">) {
  const { t } = useI18n();
  const format = useFormat();
  return (
    <ul class="task-cards" aria-label={t("taskList.title")}>
      <For each={props.items}>
        {(task) => (
          <li class="task-card">
            <div class="task-card__top">
              <span class="code">{task.code}</span>
              <StageBadge stage={task.stage} />
            </div>
            <h3 class="task-card__title">
              <A href={props.href(task)} state={props.linkState} class="task-link">
                {task.title}
              </A>
            </h3>
            <dl class="task-card__meta">
              <div>
                <dt>{t("taskList.column.pi")}</dt>
                <dd>{task.pi ? personName(task.pi) : t("common.notSet")}</dd>
              </div>
              <div>
                <dt>{t("taskList.column.host")}</dt>
                <dd>{task.host?.name ?? t("common.notSet")}</dd>
              </div>
              <div>
                <dt>{t("taskList.column.period")}</dt>
                <dd>{t("common.dateRange", { start: format.date(task.startDate), end: format.date(task.endDate) })}</dd>
              </div>
              <div>
                <dt>{t("taskDetail.totalBudget")}</dt>
                <dd class="money">{format.money(task.totalBudget)}</dd>
              </div>
            </dl>
            <ThemeChips themes={task.themes} label={t("taskDetail.themes")} />
          </li>
        )}
      </For>
    </ul>
  );
}
