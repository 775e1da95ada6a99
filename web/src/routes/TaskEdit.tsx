import { A, useNavigate, useParams, useSearchParams } from "@solidjs/router";
import { createResource, Match, Show, Switch } from "solid-js";
import { ApiError, getTask } from "../api/client.ts";
import { ErrorNotice, Loading } from "../components/Status.tsx";
import { TaskForm } from "../components/TaskForm.tsx";
import { describeError } from "../errors.ts";
import { useI18n } from "../i18n/context.tsx";
import { usePageTitle } from "../page-title.ts";
import { useSession } from "../session.tsx";
import { isTaskTab, parseTaskId, taskPath } from "../task-paths.ts";
import type { TaskPageState } from "./TaskDetail.tsx";

/** "Chỉnh sửa": the task's record, with what the stage or the user's role freezes shown locked. */
export function TaskEdit() {
  const { t, message } = useI18n();
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const session = useSession();
  const [search] = useSearchParams<{ tab?: string }>();
  /** The tab of the task page the user came from, to return to. */
  const backTab = () => (isTaskTab(search.tab) ? search.tab : undefined);
  const id = () => parseTaskId(params.id);
  const [task, { refetch }] = createResource(id, getTask);
  const notFound = () => id() === null || (task.error instanceof ApiError && task.error.status === 404);
  usePageTitle(() => (task() ? `${t("taskForm.editTitle")} ${task()?.code}` : t("taskForm.editTitle")));

  const back = () => {
    const current = id();
    return current === null ? "/" : taskPath(current, backTab());
  };

  return (
    <div class="page page--form">
      <p class="back">
        <A href={back()} class="back-link">
          <span aria-hidden="true">← </span>
          {task() ? task()?.code : t("taskDetail.back")}
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
        <Match when={!task.loading && task()}>
          {(current) => (
            <>
              <h1>
                {t("taskForm.editTitle")} <span class="code">{current().code}</span>
              </h1>
              <p class="form-subtitle">{current().title}</p>
              <Show
                when={current().edit.allowed}
                fallback={<p class="notice notice--error">{t("taskForm.notAllowed")}</p>}
              >
                <TaskForm
                  task={current()}
                  asStaff={(session.user()?.roles ?? []).includes("staff")}
                  onCancel={() => navigate(taskPath(current().id, backTab()))}
                  onReload={() => void refetch()}
                  onSaved={(saved) =>
                    navigate(taskPath(saved.id, backTab()), {
                      state: { flash: { key: "taskForm.saved" } } satisfies TaskPageState,
                    })
                  }
                />
              </Show>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
