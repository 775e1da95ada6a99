import type { TaskDetail } from "@khcn/api/tasks/schemas";
import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { useI18n } from "../i18n/context.tsx";
import { StageBadge } from "./StageBadge.tsx";

/** Code, stage and title of a task, with the facts that classify it. */
export function TaskDetailHeader(props: { task: TaskDetail; editHref: string | null }) {
  const { t } = useI18n();
  return (
    <header class="detail-head">
      <div class="detail-head__top">
        <p class="detail-head__code">
          <span class="visually-hidden">{t("taskDetail.code")}: </span>
          <span class="code">{props.task.code}</span>
        </p>
        <StageBadge stage={props.task.stage} />
        <Show when={props.editHref}>
          {(href) => (
            <A href={href()} class="button detail-head__edit">
              <span aria-hidden="true">✎ </span>
              {t("taskForm.edit")}
            </A>
          )}
        </Show>
      </div>
      <h1 class="detail-head__title">{props.task.title}</h1>
      <dl class="facts">
        <div>
          <dt>{t("taskDetail.kind")}</dt>
          <dd>{t(`kind.${props.task.kind}`)}</dd>
        </div>
        <div>
          <dt>{t("taskDetail.field")}</dt>
          <dd>{t(`field.${props.task.field}`)}</dd>
        </div>
        <div>
          <dt>{t("taskDetail.regime")}</dt>
          <dd>{t(`regime.${props.task.regime}`)}</dd>
        </div>
        <div>
          <dt>{t("taskDetail.fundingMode")}</dt>
          <dd>{t(`fundingMode.${props.task.fundingMode}`)}</dd>
        </div>
        <div>
          <dt>{t("taskDetail.managingUnit")}</dt>
          <dd>{props.task.managingUnit.name}</dd>
        </div>
        <Show when={props.task.formerProvince}>
          {(province) => (
            <div>
              <dt>{t("taskDetail.formerProvince")}</dt>
              <dd>{province().name}</dd>
            </div>
          )}
        </Show>
      </dl>
    </header>
  );
}
