import { A } from "@solidjs/router";
import { createResource, For, Match, Show, Switch } from "solid-js";
import { listMyCouncils } from "../api/councils.ts";
import { ErrorNotice, Loading } from "../components/Status.tsx";
import { councilPath, myCouncilPath } from "../council-paths.ts";
import "../councils.css";
import { describeError } from "../errors.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { usePageTitle } from "../page-title.ts";

/** The councils the signed-in member sits on, each with its tasks and how far their own sheets are. */
export function MyCouncils() {
  const { t, message } = useI18n();
  const format = useFormat();
  usePageTitle(() => t("councils.mine.title"));
  const [data, { refetch }] = createResource(listMyCouncils);
  const latest = () => (data.state === "ready" || data.state === "refreshing" ? data.latest : undefined);

  return (
    <div class="page">
      <h1>{t("councils.mine.title")}</h1>
      <p class="muted">{t("councils.mine.intro")}</p>
      <Switch>
        <Match when={data.error && !data.loading}>
          <ErrorNotice
            title={t("councils.mine.loadFailed")}
            message={message(describeError(data.error))}
            onRetry={refetch}
          />
        </Match>
        <Match when={latest()}>
          {(list) => (
            <Show
              when={list().items.length > 0}
              fallback={<p class="card section muted">{t("councils.mine.empty")}</p>}
            >
              <ul class="my-councils">
                <For each={list().items}>
                  {(item) => (
                    <li class="card my-council">
                      <h2 class="my-council__title">{item.council.title}</h2>
                      <p class="muted">
                        {t(`councils.kind.${item.council.kind}`)} ·{" "}
                        <span class={`tag council-status council-status--${item.council.status}`}>
                          {t(`councils.status.${item.council.status}`)}
                        </span>
                      </p>
                      <p>{t("councils.mine.myRole", { role: t(`councils.role.${item.myRole}`) })}</p>
                      <p class="muted">
                        {item.council.meetingOn
                          ? t("councils.list.meeting", { date: format.date(item.council.meetingOn) })
                          : t("councils.list.noMeeting")}
                        <Show when={item.council.location}>{(place) => <> · {place()}</>}</Show>
                      </p>
                      <p>
                        {t(`councils.conflict.${item.conflict}`)}
                        <Show when={item.recused}> · {t("councils.mine.recused")}</Show>
                      </p>
                      <ul class="plain-list my-council__tasks">
                        <For each={item.tasks}>
                          {(task) => (
                            <li>
                              <span class="code">{task.code}</span> {task.title} —{" "}
                              <span class={`score-status score-status--${task.scoreStatus}`}>
                                {t(`councils.scoreStatus.${task.scoreStatus}`)}
                              </span>
                            </li>
                          )}
                        </For>
                      </ul>
                      <div class="council-actions my-council__actions">
                        <A href={councilPath(item.council.id)} class="button button--quiet">
                          {t("councils.mine.view")}
                        </A>
                        <Show when={item.council.status !== "forming" && !item.recused}>
                          <A href={myCouncilPath(item.council.id)} class="button button--primary">
                            {t("councils.mine.open")}
                            <span class="visually-hidden"> — {item.council.title}</span>
                          </A>
                        </Show>
                      </div>
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
    </div>
  );
}
