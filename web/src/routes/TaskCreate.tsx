import { A, useNavigate } from "@solidjs/router";
import { Show } from "solid-js";
import { TaskForm } from "../components/TaskForm.tsx";
import { useI18n } from "../i18n/context.tsx";
import { usePageTitle } from "../page-title.ts";
import { useSession } from "../session.tsx";
import { HOME_PATH } from "../sign-in-redirect.ts";
import { taskPath } from "../task-paths.ts";
import type { TaskPageState } from "./TaskDetail.tsx";

/** "Đề xuất nhiệm vụ mới": staff register a task for their unit; a scientist proposes one they will lead. */
export function TaskCreate() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  usePageTitle(() => t("taskForm.createTitle"));

  const roles = () => session.user()?.roles ?? [];
  const asStaff = () => roles().includes("staff");
  const allowed = () => asStaff() || roles().includes("pi");

  return (
    <div class="page page--form">
      <p class="back">
        <A href={HOME_PATH} class="back-link">
          <span aria-hidden="true">← </span>
          {t("taskDetail.back")}
        </A>
      </p>
      <h1>{t("taskForm.createTitle")}</h1>
      <Show when={allowed()} fallback={<p class="notice notice--error">{t("errors.FORBIDDEN")}</p>}>
        <TaskForm
          asStaff={asStaff()}
          onCancel={() => navigate(HOME_PATH)}
          onSaved={(task) =>
            navigate(taskPath(task.id), {
              state: { flash: { key: "taskForm.created", code: task.code } } satisfies TaskPageState,
            })
          }
        />
      </Show>
    </div>
  );
}
