import { A } from "@solidjs/router";
import { createResource, For, Match, Show, Switch } from "solid-js";
import { getOverdueReports, getReportQueue } from "../api/reports.ts";
import { Section } from "../components/Section.tsx";
import { EmptyState, ErrorNotice, Loading } from "../components/Status.tsx";
import { describeError } from "../errors.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { usePageTitle } from "../page-title.ts";
import { reportPagePath } from "../report-paths.ts";
import { useSession } from "../session.tsx";
import "../reports.css";

/** Staff and heads: reports awaiting review and overdue reports of their unit; PIs: their overdue reports. */
export function ReportsList() {
  const { t, message, plural } = useI18n();
  const format = useFormat();
  const session = useSession();
  const seesQueue = () => session.user()?.roles.some((r) => r === "staff" || r === "head" || r === "admin") ?? false;
  const [queue, queueActions] = createResource(() => (seesQueue() ? true : null), getReportQueue);
  const [overdue, overdueActions] = createResource(getOverdueReports);
  usePageTitle(() => t("reports.list.title"));

  const period = (p: { seq: number; periodStart: string; periodEnd: string }) =>
    `${t("reports.schedule.periodLabel", { seq: String(p.seq) })} (${t("common.dateRange", {
      start: format.date(p.periodStart),
      end: format.date(p.periodEnd),
    })})`;

  return (
    <div class="page reports-list">
      <div class="page-head">
        <h1>{t("reports.list.title")}</h1>
      </div>
      <Show when={seesQueue()}>
        <Section title={t("reports.list.queueTitle")}>
          <Switch fallback={<Loading />}>
            <Match when={queue.error}>
              <ErrorNotice
                title={t("reports.list.loadFailed")}
                message={message(describeError(queue.error))}
                onRetry={queueActions.refetch}
              />
            </Match>
            <Match when={queue()}>
              {(data) => (
                <Show when={data().items.length > 0} fallback={<EmptyState title={t("reports.list.queueEmpty")} />}>
                  <div class="rep-table-wrap">
                    <table class="rep-table">
                      <thead>
                        <tr>
                          <th scope="col">{t("reports.list.task")}</th>
                          <th scope="col">{t("reports.list.period")}</th>
                          <th scope="col">{t("reports.list.pi")}</th>
                          <th scope="col">{t("reports.list.submittedAt")}</th>
                          <th scope="col">
                            <span class="visually-hidden">{t("reports.list.review")}</span>
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={data().items}>
                          {(item) => (
                            <tr>
                              <th scope="row" data-label={t("reports.list.task")}>
                                <span class="code">{item.task.code}</span>{" "}
                                <span class="rep-clamp">{item.task.title}</span>
                              </th>
                              <td data-label={t("reports.list.period")}>{period(item)}</td>
                              <td data-label={t("reports.list.pi")}>{item.pi ?? t("common.notSet")}</td>
                              <td data-label={t("reports.list.submittedAt")}>
                                {format.dateTime(item.submittedAt)}
                                <Show when={item.late}>
                                  {" "}
                                  <span class="tag rep-late">{t("reports.list.late")}</span>
                                </Show>
                              </td>
                              <td>
                                <A
                                  href={reportPagePath(item.task.id, item.periodId)}
                                  class="button rep-small button--primary"
                                  aria-label={`${t("reports.list.review")} — ${item.task.code}, ${t("reports.schedule.periodLabel", { seq: String(item.seq) })}`}
                                >
                                  {t("reports.list.review")}
                                </A>
                              </td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </div>
                </Show>
              )}
            </Match>
          </Switch>
        </Section>
      </Show>
      <Section title={t("reports.list.overdueTitle")}>
        <Switch fallback={<Loading />}>
          <Match when={overdue.error}>
            <ErrorNotice
              title={t("reports.list.loadFailed")}
              message={message(describeError(overdue.error))}
              onRetry={overdueActions.refetch}
            />
          </Match>
          <Match when={overdue()}>
            {(data) => (
              <Show when={data().items.length > 0} fallback={<EmptyState title={t("reports.list.overdueEmpty")} />}>
                <div class="rep-table-wrap">
                  <table class="rep-table">
                    <thead>
                      <tr>
                        <th scope="col">{t("reports.list.task")}</th>
                        <th scope="col">{t("reports.list.period")}</th>
                        <th scope="col">{t("reports.list.pi")}</th>
                        <th scope="col">{t("reports.list.due")}</th>
                        <th scope="col">{t("reports.list.overdueBy")}</th>
                        <th scope="col">
                          <span class="visually-hidden">{t("reports.list.open")}</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={data().items}>
                        {(item) => (
                          <tr>
                            <th scope="row" data-label={t("reports.list.task")}>
                              <span class="code">{item.task.code}</span>{" "}
                              <span class="rep-clamp">{item.task.title}</span>
                            </th>
                            <td data-label={t("reports.list.period")}>{period(item)}</td>
                            <td data-label={t("reports.list.pi")}>{item.pi ?? t("common.notSet")}</td>
                            <td data-label={t("reports.list.due")}>{format.date(item.dueOn)}</td>
                            <td data-label={t("reports.list.overdueBy")}>
                              <span class="badge badge--stopped">
                                {plural("reports.daysOverdue", item.daysOverdue, format.number(item.daysOverdue))}
                              </span>
                              <Show when={item.hasDraft}>
                                {" "}
                                <span class="tag">{t("reports.list.hasDraft")}</span>
                              </Show>
                            </td>
                            <td>
                              <A
                                href={reportPagePath(item.task.id, item.periodId)}
                                class="button rep-small"
                                aria-label={`${t("reports.list.open")} — ${item.task.code}, ${t("reports.schedule.periodLabel", { seq: String(item.seq) })}`}
                              >
                                {t("reports.list.open")}
                              </A>
                            </td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </Show>
            )}
          </Match>
        </Switch>
      </Section>
    </div>
  );
}
