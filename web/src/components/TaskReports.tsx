import { A } from "@solidjs/router";
import { createResource, For, Match, Show, Switch } from "solid-js";
import {
  getTaskProgress,
  getTaskReports,
  type TaskProgress,
  type TaskReports as TaskReportsData,
} from "../api/reports.ts";
import { describeError } from "../errors.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { reportPagePath } from "../report-paths.ts";
import { ReportStateBadge } from "./ReportStateBadge.tsx";
import { Section } from "./Section.tsx";
import { EmptyState, ErrorNotice, Loading } from "./Status.tsx";
import "../reports.css";

/** The task page's "Periodic reports" tab: the schedule, each report's state, and progress as reported. */
export function TaskReports(props: { taskId: number }) {
  const { t, message } = useI18n();
  const [reports, { refetch }] = createResource(() => props.taskId, getTaskReports);
  const [progress, progressActions] = createResource(() => props.taskId, getTaskProgress);

  return (
    <div class="reports-tab">
      <Section title={t("reports.schedule.title")}>
        <Switch fallback={<Loading />}>
          <Match when={reports.error}>
            <ErrorNotice
              title={t("reports.schedule.loadFailed")}
              message={message(describeError(reports.error))}
              onRetry={refetch}
            />
          </Match>
          <Match when={reports()}>{(data) => <Schedule data={data()} />}</Match>
        </Switch>
      </Section>
      <Section title={t("reports.progress.title")}>
        <Switch fallback={<Loading />}>
          <Match when={progress.error}>
            <ErrorNotice
              title={t("reports.progress.loadFailed")}
              message={message(describeError(progress.error))}
              onRetry={progressActions.refetch}
            />
          </Match>
          <Match when={progress()}>{(data) => <Progress data={data()} />}</Match>
        </Switch>
      </Section>
    </div>
  );
}

function Schedule(props: { data: TaskReportsData }) {
  const { t } = useI18n();
  const format = useFormat();
  const dueDays = () => props.data.rules.dueDays.map((d) => d.split("-").reverse().join("/")).join(", ");
  const writable = (state: string) => props.data.canWrite && ["due", "overdue", "draft", "returned"].includes(state);

  return (
    <>
      <p class="muted">
        {t("reports.schedule.rules", { months: String(props.data.rules.periodMonths), days: dueDays() })}
      </p>
      <Show when={props.data.periods.length > 0} fallback={<EmptyState title={t("reports.schedule.empty")} />}>
        <div class="rep-table-wrap">
          <table class="rep-table">
            <thead>
              <tr>
                <th scope="col">{t("reports.schedule.period")}</th>
                <th scope="col">{t("reports.schedule.due")}</th>
                <th scope="col">{t("reports.schedule.state")}</th>
                <th scope="col">{t("reports.schedule.latest")}</th>
                <th scope="col">
                  <span class="visually-hidden">{t("reports.schedule.open")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={props.data.periods}>
                {(period) => (
                  <tr>
                    <th scope="row" data-label={t("reports.schedule.period")}>
                      <span class="rep-nowrap">{t("reports.schedule.periodLabel", { seq: String(period.seq) })}</span>{" "}
                      <span class="muted rep-nowrap">
                        {t("common.dateRange", {
                          start: format.date(period.periodStart),
                          end: format.date(period.periodEnd),
                        })}
                      </span>
                    </th>
                    <td data-label={t("reports.schedule.due")}>{format.date(period.dueOn)}</td>
                    <td data-label={t("reports.schedule.state")}>
                      <ReportStateBadge state={period.state} daysOverdue={period.daysOverdue} />
                    </td>
                    <td data-label={t("reports.schedule.latest")}>
                      <Show
                        when={period.latestVersion}
                        fallback={<span class="muted">{t("reports.schedule.none")}</span>}
                      >
                        {(v) =>
                          t("reports.schedule.versionNo", {
                            no: String(v().versionNo),
                            date: format.dateTime(v().submittedAt),
                          })
                        }
                      </Show>
                    </td>
                    <td>
                      <Show when={period.state !== "upcoming" || period.latestVersion}>
                        <A
                          href={reportPagePath(period.taskId, period.id)}
                          class={writable(period.state) ? "button button--primary rep-small" : "button rep-small"}
                          aria-label={`${writable(period.state) ? t("reports.schedule.write") : t("reports.schedule.open")} — ${t("reports.schedule.periodLabel", { seq: String(period.seq) })}`}
                        >
                          {writable(period.state) ? t("reports.schedule.write") : t("reports.schedule.open")}
                        </A>
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
      <Show when={props.data.final}>
        {(final) => (
          <p class="notice notice--info">
            {t("reports.schedule.final", {
              start: format.date(final().periodStart),
              end: format.date(final().periodEnd),
              date: format.date(final().dossierDueOn),
            })}
          </p>
        )}
      </Show>
    </>
  );
}

function Progress(props: { data: TaskProgress }) {
  const { t } = useI18n();
  const format = useFormat();
  const percent = (value: number | null) =>
    value === null ? t("reports.progress.notReported") : t("reports.progress.percent", { value: String(value) });

  return (
    <div class="report-progress">
      <Show when={props.data.asOf} fallback={<p class="muted">{t("reports.progress.none")}</p>}>
        {(asOf) => (
          <p>
            {t("reports.progress.asOf", {
              seq: String(asOf().seq),
              no: String(asOf().versionNo),
              status: t(
                asOf().status === "accepted" ? "reports.progress.asOfAccepted" : "reports.progress.asOfSubmitted",
              ),
            })}
          </p>
        )}
      </Show>
      <Show when={props.data.pendingReview}>
        {(pending) => (
          <p class="notice notice--info">{t("reports.progress.pending", { seq: String(pending().seq) })}</p>
        )}
      </Show>
      <dl class="facts progress-facts">
        <div>
          <dt>{t("reports.progress.overall")}</dt>
          <dd data-testid="overall-percent">{percent(props.data.overallPercent)}</dd>
        </div>
        <div>
          <dt>{t("reports.progress.expected")}</dt>
          <dd>{percent(props.data.expectedPercent)}</dd>
        </div>
      </dl>
      <Show when={props.data.overallPercent !== null}>
        <div class="rep-meter" aria-hidden="true">
          <span class="rep-meter__bar" style={{ width: `${props.data.overallPercent ?? 0}%` }} />
          <Show when={props.data.expectedPercent !== null}>
            <span class="rep-meter__mark" style={{ left: `${props.data.expectedPercent ?? 0}%` }} />
          </Show>
        </div>
      </Show>
      <Show when={props.data.contentItems.length > 0}>
        <div class="rep-table-wrap">
          <table class="rep-table">
            <thead>
              <tr>
                <th scope="col">{t("reports.progress.item")}</th>
                <th scope="col">{t("reports.progress.plannedEnd")}</th>
                <th scope="col">{t("reports.progress.done")}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.data.contentItems}>
                {(item) => (
                  <tr>
                    <th scope="row" data-label={t("reports.progress.item")}>
                      {item.title}
                    </th>
                    <td data-label={t("reports.progress.plannedEnd")}>{format.date(item.plannedEnd)}</td>
                    <td data-label={t("reports.progress.done")}>
                      {percent(item.percentComplete)}
                      <Show when={item.late}>
                        {" "}
                        <span class="tag rep-late">{t("reports.progress.late")}</span>
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
      <Show when={props.data.products.length > 0}>
        <div class="rep-table-wrap">
          <table class="rep-table">
            <thead>
              <tr>
                <th scope="col">{t("reports.progress.product")}</th>
                <th scope="col">{t("reports.progress.plannedEnd")}</th>
                <th scope="col">{t("reports.progress.status")}</th>
                <th scope="col">{t("reports.progress.quantity")}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.data.products}>
                {(p) => (
                  <tr>
                    <th scope="row" data-label={t("reports.progress.product")}>
                      {p.name}
                    </th>
                    <td data-label={t("reports.progress.plannedEnd")}>{format.date(p.dueOn)}</td>
                    <td data-label={t("reports.progress.status")}>
                      {p.status ? t(`reports.productStatus.${p.status}`) : t("reports.progress.notReported")}
                      <Show when={p.late}>
                        {" "}
                        <span class="tag rep-late">{t("reports.progress.late")}</span>
                      </Show>
                    </td>
                    <td data-label={t("reports.progress.quantity")}>
                      {t("reports.progress.quantityOf", {
                        achieved: p.quantityAchieved ?? "0",
                        contracted: p.contractedQuantity,
                        unit: p.unit,
                      })}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
      <p>
        {t("reports.progress.spent", {
          spent: format.money(props.data.spending.toDate.total),
          total: format.money(props.data.spending.totalBudget),
        })}
      </p>
      <p class="muted">
        {t("reports.progress.reports", {
          accepted: String(props.data.reports.accepted),
          total: String(props.data.reports.total),
          overdue: String(props.data.reports.overdue),
        })}
      </p>
    </div>
  );
}
