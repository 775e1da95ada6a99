import type { AvailableAction, TransitionResult } from "@khcn/api/lifecycle/schemas";
import type { TaskDetail } from "@khcn/api/tasks/schemas";
import { A } from "@solidjs/router";
import { createMemo, createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { getActions, getTimeline } from "../api/client.ts";
import type { ActionName, Role } from "../api/types.ts";
import { describeError } from "../errors.ts";
import { useI18n } from "../i18n/context.tsx";
import { vi } from "../i18n/vi.ts";
import { Section } from "./Section.tsx";
import { StageBadge } from "./StageBadge.tsx";
import { StageRail } from "./StageRail.tsx";
import { ErrorNotice, Loading } from "./Status.tsx";
import { ProposalNote } from "./TaskInspections.tsx";
import { isActionName, TimelineEntries } from "./TimelineEntries.tsx";
import { TransitionDialog } from "./TransitionDialog.tsx";

type NamedAction = AvailableAction & { action: ActionName };

const SIDE_EXITS = ["rejected", "terminated", "failed"];
const ENDED = ["closed", "rejected"];

function isRole(value: string): value is Role {
  return Object.hasOwn(vi.roleShort, value);
}

function isRecordField(field: string): field is keyof typeof vi.recordField {
  return Object.hasOwn(vi.recordField, field);
}

/**
 * The task's way through its stages: what the user may do now (and why not the rest), the stages
 * with their dates and documents, and every step taken. After a step everything is read again.
 */
export function TaskProgress(props: { task: TaskDetail; editHref: string | null; onMoved: () => void }) {
  const { t, message } = useI18n();
  const [revision, setRevision] = createSignal(0);
  const [announcement, setAnnouncement] = createSignal("");
  const [pending, setPending] = createSignal<NamedAction | null>(null);
  let statusEl: HTMLParagraphElement | undefined;

  const key = () => ({ id: props.task.id, version: props.task.version, revision: revision() });
  const [actions, { refetch: refetchActions }] = createResource(key, (k) => getActions(k.id));
  const [timeline, { refetch: refetchTimeline }] = createResource(key, (k) => getTimeline(k.id));

  const actionList = () => (actions.state === "ready" || actions.state === "refreshing" ? actions.latest : undefined);
  const timelineData = () =>
    timeline.state === "ready" || timeline.state === "refreshing" ? timeline.latest : undefined;

  const known = createMemo(() => (actionList()?.actions ?? []).filter((a): a is NamedAction => isActionName(a.action)));
  /** Forward steps first, then moves back, then the exits that end the main path. */
  const rank = (a: NamedAction) => (SIDE_EXITS.includes(a.to) ? 2 : a.backward ? 1 : 0);
  const allowed = () =>
    known()
      .filter((a) => a.allowed)
      .sort((a, b) => rank(a) - rank(b));
  const unavailable = () => known().filter((a) => !a.allowed);

  const reasonText = (action: NamedAction) =>
    action.reasons
      .map((reason) => {
        if (reason.code === "ROLE") {
          const roles = (reason.roles ?? []).filter(isRole).map((r) => t(`roleShort.${r}`));
          return t("lifecycle.reasonRole", { roles: roles.join(t("lifecycle.roleSeparator")) });
        }
        const fields = Object.keys(reason.fields ?? {}).map((f) => (isRecordField(f) ? t(`recordField.${f}`) : f));
        return t("lifecycle.reasonFields", { fields: fields.join(t("lifecycle.listSeparator")) });
      })
      .join(". ");
  const missingFields = (action: NamedAction) => action.reasons.some((r) => r.code === "MISSING_FIELDS");
  const onlyMissingFields = (action: NamedAction) => action.reasons.every((r) => r.code === "MISSING_FIELDS");

  const reload = () => {
    setPending(null);
    setRevision((n) => n + 1);
    props.onMoved();
  };

  const moved = (result: TransitionResult) => {
    setPending(null);
    setAnnouncement(t("lifecycle.moved", { stage: t(`stage.${result.stage}`) }));
    // The task is read again; its new version brings the actions and the timeline with it.
    props.onMoved();
    queueMicrotask(() => statusEl?.focus());
  };

  const buttonClass = (action: NamedAction) => {
    if (SIDE_EXITS.includes(action.to)) return "button button--danger-outline";
    return action.backward ? "button" : "button button--primary";
  };

  return (
    <div class="progress">
      <Section title={t("lifecycle.actions")} class="progress__actions">
        <p class="progress__current">
          <span>{t("lifecycle.currentStage")}: </span>
          <StageBadge stage={actionList()?.stage ?? props.task.stage} />
        </p>
        <p
          class="notice notice--success"
          role="status"
          tabIndex={-1}
          ref={statusEl}
          classList={{ "is-empty": !announcement() }}
        >
          {announcement()}
        </p>
        <Switch>
          <Match when={actions.error && !actions.loading}>
            <ErrorNotice
              title={t("lifecycle.loadFailed")}
              message={message(describeError(actions.error))}
              onRetry={refetchActions}
            />
          </Match>
          <Match when={!actionList()}>
            <Loading />
          </Match>
          <Match when={actionList()}>
            <Show
              when={allowed().length > 0}
              fallback={
                <p class="muted">
                  {ENDED.includes(actionList()?.stage ?? "") ? t("lifecycle.ended") : t("lifecycle.noActions")}
                </p>
              }
            >
              <div class="action-buttons">
                <For each={allowed()}>
                  {(action) => (
                    <button type="button" class={buttonClass(action)} onClick={() => setPending(action)}>
                      <Show when={action.backward}>
                        <span aria-hidden="true">↩ </span>
                      </Show>
                      {t(`action.${action.action}`)}
                    </button>
                  )}
                </For>
              </div>
            </Show>
            <For each={known().filter((a) => a.proposedBy)}>{(action) => <ProposalNote action={action} />}</For>
            <Show when={unavailable().length > 0}>
              <h3 class="subheading">{t("lifecycle.unavailable")}</h3>
              <ul class="unavailable">
                <For each={unavailable()}>
                  {(action) => (
                    <li>
                      <span class="unavailable__action">{t(`action.${action.action}`)}</span>
                      <span class="unavailable__reason">{reasonText(action)}</span>
                      <Show when={missingFields(action) && onlyMissingFields(action) && props.editHref}>
                        {(href) => (
                          <A href={href()} class="unavailable__fix">
                            {t("lifecycle.completeRecord")}
                          </A>
                        )}
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </Match>
        </Switch>
      </Section>

      <div class="progress__grid">
        <Section title={t("lifecycle.stages")}>
          <Switch>
            <Match when={timeline.error && !timeline.loading}>
              <ErrorNotice
                title={t("lifecycle.loadFailed")}
                message={message(describeError(timeline.error))}
                onRetry={refetchTimeline}
              />
            </Match>
            <Match when={timelineData()}>
              {(data) => <StageRail stage={data().stage} entries={data().entries} createdAt={props.task.createdAt} />}
            </Match>
            <Match when={true}>
              <Loading />
            </Match>
          </Switch>
        </Section>
        <Section title={t("lifecycle.entries")}>
          <Switch>
            <Match when={timeline.error && !timeline.loading}>
              <p class="muted">{t("lifecycle.loadFailed")}</p>
            </Match>
            <Match when={timelineData()}>{(data) => <TimelineEntries entries={data().entries} />}</Match>
            <Match when={true}>
              <Loading />
            </Match>
          </Switch>
        </Section>
      </div>

      <Show when={pending()}>
        {(action) => (
          <TransitionDialog
            taskId={props.task.id}
            action={action()}
            fromStage={actionList()?.stage ?? props.task.stage}
            regime={props.task.regime}
            stateBudget={props.task.stateBudget}
            editHref={props.editHref}
            onCancel={() => setPending(null)}
            onDone={moved}
            onReload={reload}
          />
        )}
      </Show>
    </div>
  );
}
