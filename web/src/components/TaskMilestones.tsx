import type { Milestone } from "@khcn/api/progress/schemas";
import { createResource, For, Match, Show, Switch } from "solid-js";
import { getMilestones } from "../api/progress.ts";
import { describeError } from "../errors.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import "../progress.css";
import { Section } from "./Section.tsx";
import { ErrorNotice, Loading } from "./Status.tsx";

/**
 * The contract's milestones (content items, then products) with their planned dates, where the
 * plan puts each today against what the latest report says, and the late ones flagged in words.
 */
export function TaskMilestones(props: { taskId: number; version: number }) {
  const { t, message } = useI18n();
  const format = useFormat();
  const [data, { refetch }] = createResource(
    () => ({ id: props.taskId, version: props.version }),
    (k) => getMilestones(k.id),
  );
  const latest = () => (data.state === "ready" || data.state === "refreshing" ? data.latest : undefined);

  const planned = (m: Milestone) => {
    if (m.type === "product")
      return m.plannedEnd ? t("progress.milestones.due", { date: format.date(m.plannedEnd) }) : null;
    if (!m.plannedStart && !m.plannedEnd) return null;
    return t("common.dateRange", { start: format.date(m.plannedStart), end: format.date(m.plannedEnd) });
  };
  const reported = (m: Milestone) => {
    if (m.reportedStatus) return t(`progress.milestones.status.${m.reportedStatus}`);
    if (m.reportedPercent !== null)
      return t("progress.milestones.percent", { percent: format.number(m.reportedPercent) });
    return t("progress.milestones.notReported");
  };
  const state = (m: Milestone): { text: string; tone: "late" | "done" | "ok" | "none" } => {
    if (m.late) {
      return {
        text:
          m.daysLate !== null
            ? t("progress.milestones.late", { days: format.number(m.daysLate) })
            : t("progress.milestones.lateNoDays"),
        tone: "late",
      };
    }
    if (m.complete) return { text: t("progress.milestones.complete"), tone: "done" };
    if (!m.plannedEnd) return { text: t("progress.milestones.noDates"), tone: "none" };
    return { text: t("progress.milestones.notDue"), tone: "ok" };
  };

  return (
    <Section title={t("progress.milestones.title")} class="milestones">
      <Switch>
        <Match when={data.error && !data.loading}>
          <ErrorNotice
            title={t("progress.milestones.loadFailed")}
            message={message(describeError(data.error))}
            onRetry={refetch}
          />
        </Match>
        <Match when={latest()}>
          {(m) => (
            <>
              <p class="muted">{t("progress.milestones.intro")}</p>
              <p class="milestones__summary">
                {t("progress.milestones.summary", {
                  total: format.number(m().summary.total),
                  planned: format.number(m().summary.planned),
                  complete: format.number(m().summary.complete),
                  late: format.number(m().summary.late),
                })}
              </p>
              <p class="muted">
                <Show when={m().report} fallback={t("progress.milestones.noReport")}>
                  {(r) =>
                    t("progress.milestones.basis", {
                      seq: String(r().seq),
                      start: format.date(r().periodStart),
                      end: format.date(r().periodEnd),
                    })
                  }
                </Show>
              </p>
              <Show when={m().items.length > 0} fallback={<p class="muted">{t("progress.milestones.empty")}</p>}>
                <ul class="milestone-list">
                  <For each={m().items}>
                    {(item) => (
                      <li
                        class="milestone"
                        classList={{ "milestone--late": item.late, "milestone--done": item.complete }}
                      >
                        <div class="milestone__head">
                          <span class="milestone__type">
                            {item.type === "product"
                              ? t("progress.milestones.product")
                              : t("progress.milestones.contentItem")}
                          </span>
                          <span class="milestone__title">{item.title}</span>
                          <span class={`milestone__state milestone__state--${state(item).tone}`}>
                            <span aria-hidden="true">{item.late ? "⚠ " : item.complete ? "✓ " : ""}</span>
                            {state(item).text}
                          </span>
                        </div>
                        <dl class="milestone__facts">
                          <div>
                            <dt>{t("progress.milestones.columnPlanned")}</dt>
                            <dd>{planned(item) ?? t("progress.milestones.noDates")}</dd>
                          </div>
                          <Show when={item.type === "content_item"}>
                            <div>
                              <dt>{t("progress.milestones.columnPlan")}</dt>
                              <dd>
                                {item.plannedPercent !== null
                                  ? t("progress.milestones.percent", { percent: format.number(item.plannedPercent) })
                                  : t("common.notSet")}
                              </dd>
                            </div>
                          </Show>
                          <div>
                            <dt>{t("progress.milestones.columnReported")}</dt>
                            <dd>{reported(item)}</dd>
                          </div>
                        </dl>
                        <Show when={item.type === "content_item" && item.plannedPercent !== null}>
                          <div class="milestone__bars" aria-hidden="true">
                            <span
                              class="milestone__bar milestone__bar--plan"
                              style={{ width: `${item.plannedPercent ?? 0}%` }}
                            />
                            <span
                              class="milestone__bar milestone__bar--reported"
                              style={{ width: `${Math.min(100, item.reportedPercent ?? 0)}%` }}
                            />
                          </div>
                        </Show>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </>
          )}
        </Match>
        <Match when={true}>
          <Loading />
        </Match>
      </Switch>
    </Section>
  );
}
