import { A } from "@solidjs/router";
import { createResource, For, Match, Show, Switch } from "solid-js";
import { getWorklist } from "../api/dashboard.ts";
import { ErrorNotice, Loading } from "../components/Status.tsx";
import { describeError } from "../errors.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { usePageTitle } from "../page-title.ts";
import { HOME_PATH } from "../sign-in-redirect.ts";
import "../dashboard.css";

/** What waits for the signed-in person, by section; the page a person lands on after signing in. */
export function Worklist() {
  const { t, message } = useI18n();
  const format = useFormat();
  usePageTitle(() => t("worklist.title"));
  const [data, { refetch }] = createResource(getWorklist);
  const latest = () => (data.state === "ready" || data.state === "refreshing" ? data.latest : undefined);
  // A code another area added before its wording reached the catalogue still shows, as itself.
  const words = (group: "sections" | "labels", code: string) => {
    const text = t(`worklist.${group}.${code}`);
    return text && text !== `worklist.${group}.${code}` ? text : code;
  };

  return (
    <div class="page worklist">
      <div class="page-head">
        <h1>{t("worklist.title")}</h1>
        <div class="page-head__tools">
          <A href={HOME_PATH} class="button">
            {t("worklist.toTasks")}
          </A>
        </div>
      </div>
      <p class="muted">{t("worklist.intro")}</p>
      <Switch>
        <Match when={data.error && !data.loading}>
          <ErrorNotice
            title={t("worklist.loadFailed")}
            message={message(describeError(data.error))}
            onRetry={refetch}
          />
        </Match>
        <Match when={latest()}>
          {(list) => (
            <Show
              when={list().sections.some((s) => s.items.length > 0)}
              fallback={<p class="card section muted">{t("worklist.empty")}</p>}
            >
              <For each={list().sections.filter((s) => s.items.length > 0)}>
                {(section) => (
                  <section class="card section" aria-labelledby={`worklist-${section.key}`}>
                    <div class="section__head">
                      <h2 id={`worklist-${section.key}`} class="section__title">
                        {words("sections", section.key)}{" "}
                        <span class="worklist__count">({format.number(section.items.length)})</span>
                      </h2>
                    </div>
                    <ul class="worklist__items">
                      <For each={section.items}>
                        {(item) => (
                          <li class="worklist__item" classList={{ "is-overdue": item.overdue }}>
                            <A href={item.href} class="worklist__link">
                              <span class="worklist__label">{words("labels", item.label)}</span>
                              <span class="worklist__task">
                                <span class="worklist__code">{item.taskCode}</span> {item.taskTitle}
                              </span>
                            </A>
                            <span class="worklist__due">
                              <Show when={item.overdue}>
                                <span class="badge badge--danger">{t("worklist.overdue")}</span>{" "}
                              </Show>
                              <Show when={item.dueOn}>
                                {(due) => t("worklist.dueOn", { date: format.date(due()) })}
                              </Show>
                            </span>
                          </li>
                        )}
                      </For>
                    </ul>
                  </section>
                )}
              </For>
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
