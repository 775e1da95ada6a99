import type { TaskDetail as TaskDetailData } from "@khcn/api/tasks/schemas";
import { A, useLocation, useParams, useSearchParams } from "@solidjs/router";
import { createResource, createSignal, Match, Show, Switch } from "solid-js";
import { ApiError, getTask } from "../api/client.ts";
import { MoneyUnitToggle } from "../components/MoneyUnitToggle.tsx";
import { Section } from "../components/Section.tsx";
import { ErrorNotice, Loading } from "../components/Status.tsx";
import { type TabItem, Tabs } from "../components/Tabs.tsx";
import { TaskAdjustments } from "../components/TaskAdjustments.tsx";
import { TaskBudget } from "../components/TaskBudget.tsx";
import { TaskBudgetTab } from "../components/TaskBudgetTab.tsx";
import { TaskClosing } from "../components/TaskClosing.tsx";
import { TaskCouncils } from "../components/TaskCouncils.tsx";
import { TaskDetailHeader } from "../components/TaskDetailHeader.tsx";
import { TaskHistory } from "../components/TaskHistory.tsx";
import { TaskInspections } from "../components/TaskInspections.tsx";
import { TaskMilestones } from "../components/TaskMilestones.tsx";
import { TaskPeople } from "../components/TaskPeople.tsx";
import { TaskProgress } from "../components/TaskProgress.tsx";
import { TaskOrdering, TaskRecordLists } from "../components/TaskRecordLists.tsx";
import { TaskReports } from "../components/TaskReports.tsx";
import { ThemeChips } from "../components/ThemeChips.tsx";
import { describeError } from "../errors.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { usePageTitle } from "../page-title.ts";
import { HOME_PATH } from "../sign-in-redirect.ts";
import { parseTaskId, type TaskTab, taskEditPath } from "../task-paths.ts";

/** Tabs of the task page; the URL keeps the one open (`?tab=tien-trinh`), so a link or reload returns to it. */
type TabId = "overview" | "progress" | "history" | "inspections" | "adjustments" | "reports" | "councils" | "budget";
const TAB_PARAM: Record<TabId, TaskTab | undefined> = {
  overview: undefined,
  progress: "tien-trinh",
  history: "lich-su",
  reports: "bao-cao",
  inspections: "kiem-tra",
  adjustments: "dieu-chinh",
  councils: "hoi-dong",
  budget: "kinh-phi",
};

function tabFromParam(value: string | undefined): TabId {
  if (value === TAB_PARAM.progress) return "progress";
  if (value === TAB_PARAM.history) return "history";
  if (value === TAB_PARAM.reports) return "reports";
  if (value === TAB_PARAM.inspections) return "inspections";
  if (value === TAB_PARAM.adjustments) return "adjustments";
  if (value === TAB_PARAM.councils) return "councils";
  if (value === TAB_PARAM.budget) return "budget";
  return "overview";
}

/** A notice a form leaves for the task page after saving ("Changes saved."). */
export interface TaskPageState {
  from?: string;
  flash?: { key: "taskForm.created" | "taskForm.saved"; code?: string };
}

export function TaskDetail() {
  const { t, message } = useI18n();
  const params = useParams<{ id: string }>();
  const location = useLocation<TaskPageState>();
  const [search, setSearch] = useSearchParams<{ tab?: string }>();

  const id = () => parseTaskId(params.id);
  const [task, { refetch }] = createResource(id, getTask);
  const data = () => (task.state === "ready" || task.state === "refreshing" ? task.latest : undefined);
  const notFound = () => id() === null || (task.error instanceof ApiError && task.error.status === 404);
  /** What the form just saved, said once: it goes when the user moves on (another tab, a step). */
  const [flash, setFlash] = createSignal(location.state?.flash);

  usePageTitle(() => (notFound() ? t("notFound.title") : data()?.code));

  const tabs = (): TabItem<TabId>[] => [
    { id: "overview", label: t("tabs.overview") },
    { id: "progress", label: t("tabs.progress") },
    { id: "inspections", label: t("progress.tabs.inspections") },
    { id: "adjustments", label: t("progress.tabs.adjustments") },
    { id: "reports", label: t("reports.tab") },
    { id: "councils", label: t("councils.tab") },
    { id: "budget", label: t("budget.tab") },
    { id: "history", label: t("tabs.history") },
  ];

  // Back to the list as the user left it (filters, sort, page), when they came from there.
  const backHref = () => {
    const from = location.state?.from;
    return typeof from === "string" && from.startsWith(HOME_PATH) ? from : HOME_PATH;
  };

  return (
    <div class="page page--detail">
      <p class="back">
        <A href={backHref()} class="back-link">
          <span aria-hidden="true">← </span>
          {t("taskDetail.back")}
        </A>
      </p>
      <Switch fallback={<Loading />}>
        <Match when={notFound()}>
          <div class="card status-page">
            <h1>{t("notFound.title")}</h1>
            <p>{t("taskDetail.notFound")}</p>
          </div>
        </Match>
        <Match when={task.error && !task.loading}>
          <ErrorNotice
            title={t("taskDetail.loadFailed")}
            message={message(describeError(task.error))}
            onRetry={refetch}
          />
        </Match>
        <Match when={data()}>
          {(detail) => (
            <article class="task-page">
              <TaskDetailHeader task={detail()} editHref={detail().edit.allowed ? taskEditPath(detail().id) : null} />
              <Show when={flash()}>
                {(flash) => (
                  <p class="notice notice--success" role="status">
                    {t(flash().key, { code: flash().code ?? detail().code })}
                  </p>
                )}
              </Show>
              <Tabs
                label={t("tabs.label")}
                tabs={tabs()}
                selected={tabFromParam(search.tab)}
                onSelect={(tab) => {
                  setFlash(undefined);
                  setSearch({ tab: TAB_PARAM[tab] }, { replace: true, scroll: false });
                }}
              >
                <Switch>
                  <Match when={tabFromParam(search.tab) === "progress"}>
                    <TaskProgress
                      task={detail()}
                      editHref={detail().edit.allowed ? taskEditPath(detail().id, "tien-trinh") : null}
                      onMoved={() => {
                        setFlash(undefined);
                        void refetch();
                      }}
                    />
                    <TaskMilestones taskId={detail().id} version={detail().version} />
                  </Match>
                  <Match when={tabFromParam(search.tab) === "inspections"}>
                    <TaskInspections
                      taskId={detail().id}
                      version={detail().version}
                      onRecorded={() => void refetch()}
                    />
                  </Match>
                  <Match when={tabFromParam(search.tab) === "adjustments"}>
                    <TaskAdjustments task={detail()} onChanged={() => void refetch()} />
                  </Match>
                  <Match when={tabFromParam(search.tab) === "reports"}>
                    <TaskReports taskId={detail().id} />
                  </Match>
                  <Match when={tabFromParam(search.tab) === "councils"}>
                    <TaskCouncils task={detail()} />
                  </Match>
                  <Match when={tabFromParam(search.tab) === "budget"}>
                    <TaskBudgetTab task={detail()} />
                  </Match>
                  <Match when={tabFromParam(search.tab) === "history"}>
                    <TaskHistory task={detail()} />
                  </Match>
                  <Match when={true}>
                    <TaskOverview task={detail()} />
                  </Match>
                </Switch>
              </Tabs>
            </article>
          )}
        </Match>
      </Switch>
    </div>
  );
}

function TaskOverview(props: { task: TaskDetailData }) {
  const { t } = useI18n();
  const format = useFormat();

  return (
    <div class="detail">
      <div class="detail__grid">
        <div class="detail__main">
          <Section title={t("taskDetail.overview")}>
            <h3 class="subheading">{t("taskDetail.objectives")}</h3>
            <Show when={props.task.objectives} fallback={<p class="muted">{t("taskDetail.noObjectives")}</p>}>
              {(objectives) => <p class="prose">{objectives()}</p>}
            </Show>
          </Section>

          <Section title={t("taskDetail.people")}>
            <TaskPeople task={props.task} />
          </Section>

          <TaskRecordLists task={props.task} />
        </div>

        <div class="detail__side">
          <Section title={t("taskDetail.host")}>
            <p class="host-name">{props.task.host?.name ?? t("common.notSet")}</p>
          </Section>

          <Section title={t("taskDetail.schedule")}>
            <dl class="facts facts--stacked">
              <div>
                <dt>{t("taskDetail.startDate")}</dt>
                <dd>{format.date(props.task.startDate)}</dd>
              </div>
              <div>
                <dt>{t("taskDetail.endDate")}</dt>
                <dd>{format.date(props.task.endDate)}</dd>
              </div>
            </dl>
          </Section>

          <TaskOrdering task={props.task} />

          <TaskClosing task={props.task} />

          <Section title={t("taskDetail.budget")} actions={<MoneyUnitToggle />}>
            <TaskBudget task={props.task} />
          </Section>

          <Section title={t("taskDetail.themes")}>
            <Show when={props.task.themes.length > 0} fallback={<p class="muted">{t("taskDetail.noThemes")}</p>}>
              <ThemeChips themes={props.task.themes} />
            </Show>
          </Section>
        </div>
      </div>

      <p class="muted detail__updated">{t("taskDetail.updatedAt", { date: format.dateTime(props.task.updatedAt) })}</p>
    </div>
  );
}
