import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createResource, createSignal, createUniqueId, For, Match, Show, Switch } from "solid-js";
import { getTask } from "../api/client.ts";
import { type CouncilKind, createCouncil, getComposition } from "../api/councils.ts";
import { FormField } from "../components/FormField.tsx";
import { ErrorNotice, Loading } from "../components/Status.tsx";
import { councilPath } from "../council-paths.ts";
import { councilError } from "../council-wording.ts";
import "../councils.css";
import { describeError, type UserMessage } from "../errors.ts";
import { type FieldErrors, serverFieldErrors } from "../field-errors.ts";
import { todayInVietnam } from "../format.ts";
import { useI18n } from "../i18n/context.tsx";
import { usePageTitle } from "../page-title.ts";
import { parseTaskId, taskPath } from "../task-paths.ts";
import type { CouncilPageState } from "./CouncilPage.tsx";

const KINDS: readonly CouncilKind[] = [
  "acceptance",
  "identification",
  "selection",
  "budget_appraisal",
  "inspection",
  "expert_verification",
];

/** The council kind a task's stage calls for, so the usual choice is already made. */
function kindForStage(stage: string): CouncilKind {
  if (stage === "proposed") return "identification";
  if (stage === "selection") return "selection";
  if (stage === "budget_appraisal") return "budget_appraisal";
  if (stage === "in_progress") return "inspection";
  return "acceptance";
}

/**
 * Forming a council for a task (staff): its kind, with the composition the rules require, a name,
 * the planned meeting date and place. Members and the establishment decision follow on its page.
 */
export function CouncilCreate() {
  const { t, message } = useI18n();
  const navigate = useNavigate();
  const [search] = useSearchParams<{ "nhiem-vu"?: string }>();
  const taskId = () => parseTaskId(search["nhiem-vu"]);
  const [task] = createResource(taskId, getTask);
  const headingId = createUniqueId();
  usePageTitle(() => t("councils.create.title"));

  const [kindChoice, setKind] = createSignal<CouncilKind | null>(null);
  const kind = (): CouncilKind => kindChoice() ?? kindForStage(task()?.stage ?? "acceptance");
  const [composition] = createResource(
    () => (taskId() !== null && task() ? { kind: kind(), taskId: taskId() as number } : undefined),
    (k) => getComposition(k.kind, k.taskId),
  );
  const [title, setTitle] = createSignal("");
  const [meetingOn, setMeetingOn] = createSignal("");
  const [location, setLocation] = createSignal("");
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [problem, setProblem] = createSignal<UserMessage | null>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const id = taskId();
    if (busy() || id === null) return;
    setBusy(true);
    setProblem(null);
    try {
      const council = await createCouncil({
        kind: kind(),
        taskIds: [id],
        ...(title().trim() ? { title: title().trim() } : {}),
        ...(meetingOn() ? { meetingOn: meetingOn() } : {}),
        ...(location().trim() ? { location: location().trim() } : {}),
      });
      setBusy(false);
      const state: CouncilPageState = { flash: t("councils.create.created") };
      navigate(councilPath(council.id), { state });
    } catch (error) {
      setBusy(false);
      const found = serverFieldErrors(error);
      setErrors(found);
      if (Object.keys(found).length === 0) setProblem(councilError(error));
    }
  };

  return (
    <div class="page page--form">
      <Show when={taskId()}>
        {(id) => (
          <p class="back">
            <A href={taskPath(id())} class="back-link">
              <span aria-hidden="true">← </span>
              {t("councils.page.back")}
            </A>
          </p>
        )}
      </Show>
      <h1 id={headingId}>{t("councils.create.title")}</h1>
      <Switch fallback={<Loading />}>
        <Match when={taskId() === null || (task.error && !task.loading)}>
          <ErrorNotice title={t("councils.page.loadFailed")} message={message(describeError(task.error))} />
        </Match>
        <Match when={task()}>
          {(detail) => (
            <form class="card form council-create" noValidate onSubmit={submit} aria-labelledby={headingId}>
              <p>
                <span class="code">{detail().code}</span> {detail().title}
              </p>
              <p class="muted">{t("councils.create.intro")}</p>
              <div role="alert" class="alert-slot">
                <Show when={problem()}>{(p) => <p class="notice notice--error">{message(p())}</p>}</Show>
              </div>
              <div class="form-grid">
                <FormField
                  label={t("councils.create.kind")}
                  required
                  error={errors().kind}
                  class="form-grid__wide"
                  control={(attrs) => (
                    <select
                      id={attrs.id}
                      class="field__control"
                      aria-invalid={attrs.invalid}
                      aria-describedby={attrs.describedBy}
                      onChange={(e) => setKind(e.currentTarget.value as CouncilKind)}
                    >
                      <For each={KINDS}>
                        {(k) => (
                          <option value={k} selected={kind() === k}>
                            {t(`councils.kind.${k}`)}
                          </option>
                        )}
                      </For>
                    </select>
                  )}
                />
                <div class="form-grid__wide council-composition" role="status">
                  <Show when={composition()} fallback={<p class="muted">{t("councils.create.compositionLoading")}</p>}>
                    {(c) => (
                      <>
                        <p class="subheading">{t("councils.create.composition", { size: String(c().size) })}</p>
                        <ul class="plain-list">
                          <For each={c().roles.filter((r) => r.count > 0)}>
                            {(r) => (
                              <li>
                                {t(`councils.role.${r.role}`)}: {r.count}
                              </li>
                            )}
                          </For>
                        </ul>
                      </>
                    )}
                  </Show>
                </div>
                <FormField
                  label={t("councils.create.name")}
                  error={errors().title}
                  class="form-grid__wide"
                  control={(attrs) => (
                    <input
                      id={attrs.id}
                      class="field__control"
                      maxLength={300}
                      aria-invalid={attrs.invalid}
                      aria-describedby={attrs.describedBy}
                      value={title()}
                      onInput={(e) => setTitle(e.currentTarget.value)}
                    />
                  )}
                />
                <FormField
                  label={t("councils.create.meetingOn")}
                  error={errors().meetingOn}
                  control={(attrs) => (
                    <input
                      id={attrs.id}
                      type="date"
                      min={todayInVietnam()}
                      class="field__control"
                      aria-invalid={attrs.invalid}
                      aria-describedby={attrs.describedBy}
                      value={meetingOn()}
                      onInput={(e) => setMeetingOn(e.currentTarget.value)}
                    />
                  )}
                />
                <FormField
                  label={t("councils.create.location")}
                  error={errors().location}
                  control={(attrs) => (
                    <input
                      id={attrs.id}
                      class="field__control"
                      maxLength={300}
                      aria-invalid={attrs.invalid}
                      aria-describedby={attrs.describedBy}
                      value={location()}
                      onInput={(e) => setLocation(e.currentTarget.value)}
                    />
                  )}
                />
              </div>
              <div class="form-actions">
                <A href={taskPath(detail().id)} class="button button--quiet">
                  {t("councils.create.cancel")}
                </A>
                <button type="submit" class="button button--primary" disabled={busy()} aria-busy={busy()}>
                  {busy() ? t("councils.create.submitting") : t("councils.create.submit")}
                </button>
              </div>
            </form>
          )}
        </Match>
      </Switch>
    </div>
  );
}
