import type { TaskDetail } from "@khcn/api/tasks/schemas";
import { A } from "@solidjs/router";
import { createResource, For, Match, Show, Switch } from "solid-js";
import { type Deadline, getTaskCouncils, getTaskDeadlines } from "../api/councils.ts";
import { councilPath, newCouncilPath } from "../council-paths.ts";
import "../councils.css";
import "../progress.css";
import { describeError } from "../errors.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { useSession } from "../session.tsx";
import { CouncilOutcome } from "./CouncilOutcome.tsx";
import { Section } from "./Section.tsx";
import { ErrorNotice, Loading } from "./Status.tsx";

/**
 * The task's councils with their outcome and explanation; staff form the acceptance council from
 * here while the task is in acceptance and has no council under way.
 */
export function TaskCouncils(props: { task: TaskDetail }) {
  const { t, message } = useI18n();
  const format = useFormat();
  const session = useSession();
  const [data, { refetch }] = createResource(
    () => ({ id: props.task.id, version: props.task.version }),
    (k) => getTaskCouncils(k.id),
  );
  const latest = () => (data.state === "ready" || data.state === "refreshing" ? data.latest : undefined);
  const isStaff = () => session.user()?.roles.some((r) => r === "staff" || r === "admin") ?? false;
  const canForm = () =>
    isStaff() &&
    props.task.stage === "acceptance" &&
    !(latest()?.items ?? []).some((c) => c.kind === "acceptance" && c.status !== "closed");

  return (
    <div class="running">
      <Section
        title={t("councils.tab")}
        actions={
          <Show when={canForm()}>
            <A href={newCouncilPath(props.task.id)} class="button button--primary">
              {t("councils.list.form")}
            </A>
          </Show>
        }
      >
        <Show when={canForm()}>
          <p class="muted">{t("councils.list.formHint")}</p>
        </Show>
        <Switch>
          <Match when={data.error && !data.loading}>
            <ErrorNotice
              title={t("councils.list.loadFailed")}
              message={message(describeError(data.error))}
              onRetry={refetch}
            />
          </Match>
          <Match when={latest()}>
            {(list) => (
              <Show when={list().items.length > 0} fallback={<p class="muted">{t("councils.list.empty")}</p>}>
                <ul class="record-list">
                  <For each={list().items}>
                    {(council) => (
                      <li class="record">
                        <div class="record__head">
                          <h3 class="record__title">
                            <A href={councilPath(council.id)}>{council.title}</A>
                          </h3>
                          <span class={`tag council-status council-status--${council.status}`}>
                            {t(`councils.status.${council.status}`)}
                          </span>
                        </div>
                        <p class="muted">
                          {t(`councils.kind.${council.kind}`)} ·{" "}
                          {council.meetingOn
                            ? t("councils.list.meeting", { date: format.date(council.meetingOn) })
                            : t("councils.list.noMeeting")}
                        </p>
                        <Show when={council.outcome}>
                          {(outcome) => (
                            <CouncilOutcome
                              councilId={council.id}
                              outcome={outcome()}
                              minutes={council.minutes}
                              taskId={props.task.id}
                              level={3}
                            />
                          )}
                        </Show>
                        <p>
                          <A href={councilPath(council.id)}>{t("councils.list.open")}</A>
                        </p>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            )}
          </Match>
          <Match when={true}>
            <Loading />
          </Match>
        </Switch>
      </Section>
      <TaskDeadlines task={props.task} />
    </div>
  );
}

/** The steps from the acceptance dossier to registration, each with its due date counted by the rules. */
function TaskDeadlines(props: { task: TaskDetail }) {
  const { t, message } = useI18n();
  const format = useFormat();
  const [data, { refetch }] = createResource(
    () => ({ id: props.task.id, version: props.task.version }),
    (k) => getTaskDeadlines(k.id),
  );
  const latest = () => (data.state === "ready" || data.state === "refreshing" ? data.latest : undefined);
  const clock = (item: Deadline) => {
    if (item.daysLeft === null || item.status === "done" || item.status === "done_late") return null;
    return item.daysLeft < 0
      ? t("councils.deadlines.daysLate", { count: format.number(-item.daysLeft) })
      : t("councils.deadlines.daysLeft", { count: format.number(item.daysLeft) });
  };

  return (
    <Section title={t("councils.deadlines.title")}>
      <Switch>
        <Match when={data.error && !data.loading}>
          <ErrorNotice
            title={t("councils.deadlines.loadFailed")}
            message={message(describeError(data.error))}
            onRetry={refetch}
          />
        </Match>
        <Match when={latest()}>
          {(list) => (
            <Show when={list().items.length > 0} fallback={<p class="muted">{t("councils.deadlines.empty")}</p>}>
              <ul class="milestone-list deadline-list">
                <For each={list().items}>
                  {(item) => (
                    <li class="milestone" classList={{ "milestone--late": item.status === "overdue" }}>
                      <div class="milestone__head">
                        <span class="milestone__title">{t(`councils.deadlines.step.${item.step}`)}</span>
                        <span
                          class="milestone__state"
                          classList={{
                            "milestone__state--late": item.status === "overdue" || item.status === "done_late",
                            "milestone__state--done": item.status === "done",
                          }}
                        >
                          {t(`councils.deadlines.status.${item.status}`)}
                        </span>
                      </div>
                      <p class="muted">
                        <Show when={item.from}>
                          {(from) =>
                            t(item.workingDays ? "councils.deadlines.ruleWorking" : "councils.deadlines.rule", {
                              days: format.number(item.days),
                              from: format.date(from()),
                            })
                          }
                        </Show>
                        <Show when={item.dueOn}>
                          {(due) => <> · {t("councils.deadlines.due", { date: format.date(due()) })}</>}
                        </Show>
                        <Show when={item.doneOn}>
                          {(done) => <> · {t("councils.deadlines.doneOn", { date: format.date(done()) })}</>}
                        </Show>
                        <Show when={clock(item)}>{(text) => <> · {text()}</>}</Show>
                      </p>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Match>
        <Match when={true}>
          <Loading />
        </Match>
      </Switch>
    </Section>
  );
}
