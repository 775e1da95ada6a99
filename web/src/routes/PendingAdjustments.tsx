import { A } from "@solidjs/router";
import { createResource, For, Match, Show, Switch } from "solid-js";
import { pendingAdjustments } from "../api/progress.ts";
import { ErrorNotice, Loading } from "../components/Status.tsx";
import { useClockText } from "../components/TaskAdjustments.tsx";
import { describeError } from "../errors.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { usePageTitle } from "../page-title.ts";
import "../progress.css";
import { taskPath } from "../task-paths.ts";

/** Open adjustment requests of the unit, the earliest deadline first, overdue ones said so. */
export function PendingAdjustments() {
  const { t, message } = useI18n();
  const format = useFormat();
  const clockText = useClockText();
  usePageTitle(() => t("progress.pending.title"));
  const [data, { refetch }] = createResource(pendingAdjustments);
  const latest = () => (data.state === "ready" || data.state === "refreshing" ? data.latest : undefined);

  return (
    <div class="page">
      <h1>{t("progress.pending.title")}</h1>
      <p class="muted">{t("progress.pending.intro")}</p>
      <Switch>
        <Match when={data.error && !data.loading}>
          <ErrorNotice
            title={t("progress.pending.loadFailed")}
            message={message(describeError(data.error))}
            onRetry={refetch}
          />
        </Match>
        <Match when={latest()}>
          {(list) => (
            <>
              <Show when={list().overdue > 0}>
                <p class="notice notice--error">
                  {t("progress.pending.overdueCount", { count: format.number(list().overdue) })}
                </p>
              </Show>
              <Show
                when={list().items.length > 0}
                fallback={<p class="card section muted">{t("progress.pending.empty")}</p>}
              >
                <div class="card table-wrap">
                  <table class="pending-table">
                    <caption class="visually-hidden">{t("progress.pending.title")}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("progress.pending.task")}</th>
                        <th scope="col">{t("progress.pending.kind")}</th>
                        <th scope="col">{t("progress.pending.requestedOn")}</th>
                        <th scope="col">{t("progress.pending.dueBy")}</th>
                        <th scope="col">{t("progress.pending.clock")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={list().items}>
                        {(item) => (
                          <tr classList={{ "is-overdue": item.clock?.overdue ?? false }}>
                            <td data-label={t("progress.pending.task")}>
                              <A href={taskPath(item.task.id, "dieu-chinh")} class="pending-table__task">
                                <span class="pending-table__code">{item.task.code}</span> {item.task.title}
                              </A>
                            </td>
                            <td data-label={t("progress.pending.kind")}>
                              {t(`progress.adjustments.kindValue.${item.kind}`)}
                            </td>
                            <td data-label={t("progress.pending.requestedOn")}>{format.dateTime(item.requestedAt)}</td>
                            <td data-label={t("progress.pending.dueBy")}>{format.date(item.dueBy)}</td>
                            <td data-label={t("progress.pending.clock")}>
                              <Show when={item.clock}>
                                {(clock) => (
                                  <span class={`clock clock--${clockText(clock()).tone}`}>
                                    <Show when={clock().overdue}>
                                      <span aria-hidden="true">⚠ </span>
                                    </Show>
                                    {clockText(clock()).text}
                                  </span>
                                )}
                              </Show>
                            </td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </Show>
            </>
          )}
        </Match>
        <Match when={true}>
          <Loading />
        </Match>
      </Switch>
    </div>
  );
}
