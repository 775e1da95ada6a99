import type { TaskDetail } from "@khcn/api/tasks/schemas";
import { For, Show } from "solid-js";
import { useI18n } from "../i18n/context.tsx";
import { personName } from "../people.ts";

/** The principal investigator and the registered team, with their roles and organisations. */
export function TaskPeople(props: { task: TaskDetail }) {
  const { t } = useI18n();
  const piMember = () => props.task.team.find((m) => m.personId === props.task.pi?.id);

  return (
    <>
      <dl class="facts facts--stacked">
        <div>
          <dt>{t("taskDetail.pi")}</dt>
          <dd>
            <Show when={props.task.pi} fallback={t("common.notSet")}>
              {(pi) => (
                <>
                  <span class="person__name">{personName(pi())}</span>
                  <Show when={piMember()?.organisation ?? props.task.host?.name}>
                    {(organisation) => <span class="person__org">{organisation()}</span>}
                  </Show>
                </>
              )}
            </Show>
          </dd>
        </div>
      </dl>
      <h3 class="subheading">{t("taskDetail.team")}</h3>
      <Show when={props.task.team.length > 0} fallback={<p class="muted">{t("taskDetail.noTeam")}</p>}>
        <ul class="people">
          <For each={props.task.team}>
            {(member) => (
              <li class="person">
                <div class="person__main">
                  <span class="person__name">{personName(member)}</span>
                  <span class="tag" classList={{ "tag--strong": member.role === "pi" }}>
                    {t(`teamRole.${member.role}`)}
                  </span>
                </div>
                <Show when={[member.position, member.organisation].filter(Boolean).join(" · ")}>
                  {(line) => <span class="person__org">{line()}</span>}
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </>
  );
}
