import type { TaskSummary } from "@khcn/api/tasks/schemas";
import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import type { SortKey, SortOrder } from "../api/types.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { moneyUnit } from "../money-unit.ts";
import { personName } from "../people.ts";
import { SortableHeader } from "./SortableHeader.tsx";
import { StageBadge } from "./StageBadge.tsx";
import { ThemeChips } from "./ThemeChips.tsx";

export interface TaskListViewProps {
  items: readonly TaskSummary[];
  sort: SortKey;
  order: SortOrder;
  onSort: (column: SortKey) => void;
  /** Where each task's page is, and what its back link returns to. */
  href: (task: TaskSummary) => string;
  linkState: { from: string };
}

/** The task list as a table, for wide screens. */
export function TaskTable(props: TaskListViewProps) {
  const { t } = useI18n();
  const format = useFormat();
  const unitName = () => t(moneyUnit() === "million" ? "money.millionUnit" : "money.dongUnit");
  const header = (column: SortKey, label: string, className?: string) => (
    <SortableHeader
      column={column}
      label={label}
      sort={props.sort}
      order={props.order}
      onSort={props.onSort}
      class={className}
    />
  );

  return (
    <div class="task-table-wrap">
      <table class="task-table">
        <caption class="visually-hidden">{t("taskList.title")}</caption>
        <thead>
          <tr>
            {header("code", t("taskList.column.code"), "col-code")}
            {header("title", t("taskList.column.title"), "col-title")}
            <th scope="col" class="col-pi">
              {t("taskList.column.pi")}
            </th>
            {header("startDate", t("taskList.column.startDate"), "col-date")}
            {header("endDate", t("taskList.column.endDate"), "col-date")}
            {header("totalBudget", t("taskList.column.totalBudget", { unit: unitName() }), "col-money")}
            {header("stage", t("taskList.column.stage"), "col-stage")}
          </tr>
        </thead>
        <tbody>
          <For each={props.items}>
            {(task) => (
              <tr>
                <td class="col-code">
                  <span class="code">{task.code}</span>
                </td>
                <td class="col-title">
                  <A href={props.href(task)} state={props.linkState} class="task-link">
                    {task.title}
                  </A>
                  <Show when={task.host}>
                    {(host) => (
                      <span class="task-host">
                        <span class="visually-hidden">{t("taskList.column.host")}: </span>
                        {host().name}
                      </span>
                    )}
                  </Show>
                  <ThemeChips themes={task.themes} label={t("taskDetail.themes")} />
                </td>
                <td class="col-pi">{task.pi ? personName(task.pi) : t("common.notSet")}</td>
                <td class="col-date">{format.date(task.startDate)}</td>
                <td class="col-date">{format.date(task.endDate)}</td>
                <td class="col-money">{format.moneyAmount(task.totalBudget)}</td>
                <td class="col-stage">
                  <StageBadge stage={task.stage} />
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
