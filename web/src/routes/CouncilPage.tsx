import { A, useLocation, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { ApiError } from "../api/client.ts";
import { type Council, getCouncil } from "../api/councils.ts";
import { CouncilEstablishment, CouncilMeeting } from "../components/CouncilMeeting.tsx";
import { CouncilMembers } from "../components/CouncilMembers.tsx";
import { CouncilOutcome } from "../components/CouncilOutcome.tsx";
import { CouncilAttendance, CouncilScoring } from "../components/CouncilSession.tsx";
import { Section } from "../components/Section.tsx";
import { ErrorNotice, Loading } from "../components/Status.tsx";
import { myCouncilPath } from "../council-paths.ts";
import "../councils.css";
import "../progress.css";
import { describeError } from "../errors.ts";
import { useI18n } from "../i18n/context.tsx";
import { usePageTitle } from "../page-title.ts";
import { parseTaskId, taskPath } from "../task-paths.ts";

/** What the forming form leaves for the council page ("Council created. Now add its members."). */
export interface CouncilPageState {
  flash?: string;
}

/**
 * A council for the Department's staff and the administrative secretary: members and their
 * declarations, the establishment decision, the meeting and its readiness, attendance, who has
 * signed off, closing; after it closes, the outcome with its explanation and the minutes.
 */
export function CouncilPage() {
  const { t, message } = useI18n();
  const params = useParams<{ id: string }>();
  const location = useLocation<CouncilPageState>();
  const id = () => parseTaskId(params.id);
  const [council, { refetch, mutate }] = createResource(id, getCouncil);
  const data = () => (council.state === "ready" || council.state === "refreshing" ? council.latest : undefined);
  const notFound = () => id() === null || (council.error instanceof ApiError && council.error.status === 404);
  const [notice, setNotice] = createSignal(location.state?.flash ?? "");

  usePageTitle(() => (notFound() ? t("notFound.title") : data()?.title));

  const changed = (text: string, next?: Council) => {
    setNotice(text);
    if (next) mutate(next);
    else void refetch();
  };

  return (
    <div class="page page--detail council-page">
      <Show when={data()?.tasks[0]}>
        {(task) => (
          <p class="back">
            <A href={taskPath(task().id)} class="back-link">
              <span aria-hidden="true">← </span>
              {t("councils.page.back")}
            </A>
          </p>
        )}
      </Show>
      <Switch fallback={<Loading />}>
        <Match when={notFound()}>
          <div class="card status-page">
            <h1>{t("notFound.title")}</h1>
            <p>{t("councils.page.notFound")}</p>
          </div>
        </Match>
        <Match when={council.error && !council.loading}>
          <ErrorNotice
            title={t("councils.page.loadFailed")}
            message={message(describeError(council.error))}
            onRetry={refetch}
          />
        </Match>
        <Match when={data()}>
          {(c) => (
            <article class="council">
              <header class="detail-head council__head">
                <p class="council__kind">
                  {t(`councils.kind.${c().kind}`)}{" "}
                  <span class={`tag council-status council-status--${c().status}`}>
                    {t(`councils.status.${c().status}`)}
                  </span>
                </p>
                <h1>{c().title}</h1>
                <div class="council__tasks">
                  <span class="muted">{t("councils.page.tasks")}: </span>
                  <For each={c().tasks}>
                    {(task, i) => (
                      <>
                        <Show when={i() > 0}>{", "}</Show>
                        <A href={taskPath(task.id)}>
                          <span class="code">{task.code}</span> {task.title}
                        </A>
                      </>
                    )}
                  </For>
                </div>
                <Show when={c().permissions.canScore || c().permissions.canDeclare}>
                  <p>
                    <A href={myCouncilPath(c().id)} class="button button--primary">
                      {t("councils.page.scoreLink")}
                    </A>
                  </p>
                </Show>
              </header>
              <p class="notice notice--success" role="status" classList={{ "is-empty": !notice() }}>
                {notice()}
              </p>
              <Show when={c().outcome}>
                {(outcome) => (
                  <Section title={t("councils.outcome.title")} class="council-outcome-section">
                    <CouncilOutcome councilId={c().id} outcome={outcome()} minutes={c().minutes} />
                  </Section>
                )}
              </Show>
              <div class="detail__grid">
                <div class="detail__main">
                  <CouncilMembers council={c()} composition={c().composition} onChanged={changed} />
                  <Show when={c().status !== "forming"}>
                    <CouncilAttendance council={c()} onChanged={changed} />
                    <CouncilScoring council={c()} onChanged={changed} />
                  </Show>
                </div>
                <div class="detail__side">
                  <CouncilEstablishment council={c()} onChanged={changed} />
                  <CouncilMeeting council={c()} onChanged={changed} />
                </div>
              </div>
            </article>
          )}
        </Match>
      </Switch>
    </div>
  );
}
