import type { TaskDetail as TaskDetailData } from "@khcn/api/tasks/schemas";
import { A, useLocation, useParams } from "@solidjs/router";
import { createResource, Match, Show, Switch } from "solid-js";
import { ApiError, getTask } from "../api/client.ts";
import { MoneyUnitToggle } from "../components/MoneyUnitToggle.tsx";
import { PlaceholderSection } from "../components/PlaceholderSection.tsx";
import { Section } from "../components/Section.tsx";
import { ErrorNotice, Loading } from "../components/Status.tsx";
import { TaskBudget } from "../components/TaskBudget.tsx";
import { TaskDetailHeader } from "../components/TaskDetailHeader.tsx";
import { TaskPeople } from "../components/TaskPeople.tsx";
import { ThemeChips } from "../components/ThemeChips.tsx";
import { describeError } from "../errors.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { usePageTitle } from "../page-title.ts";
import { HOME_PATH } from "../sign-in-redirect.ts";

function parseId(value: string | undefined): number | null {
  if (!value || !/^\d{1,10}$/.test(value)) return null;
  const id = Number(value);
  return id >= 1 && id <= 2_147_483_647 ? id : null;
}

export function TaskDetail() {
  const { t, message } = useI18n();
  const params = useParams<{ id: string }>();
  const location = useLocation<{ from?: string }>();

  const id = () => parseId(params.id);
  const [task, { refetch }] = createResource(id, getTask);
  const data = () => (task.state === "ready" || task.state === "refreshing" ? task.latest : undefined);
  const notFound = () => id() === null || (task.error instanceof ApiError && task.error.status === 404);

  usePageTitle(() => (notFound() ? t("notFound.title") : data()?.code));

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
        <Match when={data()}>{(detail) => <TaskDetailView task={detail()} />}</Match>
      </Switch>
    </div>
  );
}

function TaskDetailView(props: { task: TaskDetailData }) {
  const { t } = useI18n();
  const format = useFormat();

  return (
    <article class="detail">
      <TaskDetailHeader task={props.task} />

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

      <div class="upcoming">
        <PlaceholderSection
          title={t("taskDetail.upcoming.timeline")}
          description={t("taskDetail.upcoming.timelineBody")}
        />
        <PlaceholderSection
          title={t("taskDetail.upcoming.reports")}
          description={t("taskDetail.upcoming.reportsBody")}
        />
        <PlaceholderSection
          title={t("taskDetail.upcoming.councils")}
          description={t("taskDetail.upcoming.councilsBody")}
        />
        <PlaceholderSection
          title={t("taskDetail.upcoming.budgetDetail")}
          description={t("taskDetail.upcoming.budgetDetailBody")}
        />
      </div>

      <p class="muted detail__updated">{t("taskDetail.updatedAt", { date: format.dateTime(props.task.updatedAt) })}</p>
    </article>
  );
}
