import type { TimelineEntry } from "@khcn/api/lifecycle/schemas";
import { For, Show } from "solid-js";
import { fileHref } from "../api/client.ts";
import type { ActionName } from "../api/types.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { vi } from "../i18n/vi.ts";

const SIDE_EXITS: readonly string[] = ["rejected", "terminated", "failed"];

export function isActionName(name: string): name is ActionName {
  return Object.hasOwn(vi.action, name);
}

/** The transitions of a task, oldest first: who moved it when, with the document and comment. */
export function TimelineEntries(props: { entries: readonly TimelineEntry[] }) {
  const { t } = useI18n();
  const format = useFormat();
  const actionLabel = (name: string) => (isActionName(name) ? t(`action.${name}`) : name);

  return (
    <Show when={props.entries.length > 0} fallback={<p class="muted">{t("lifecycle.noEntries")}</p>}>
      <ol class="entries">
        <For each={props.entries}>
          {(entry) => (
            <li class="entry" classList={{ "entry--exit": SIDE_EXITS.includes(entry.toStage) }}>
              <p class="entry__title">
                <strong>{actionLabel(entry.action)}</strong>
                <span class="entry__move">
                  {t("lifecycle.fromTo", { from: t(`stage.${entry.fromStage}`), to: t(`stage.${entry.toStage}`) })}
                </span>
              </p>
              <p class="entry__meta">{t("lifecycle.byAt", { actor: entry.actor, at: format.dateTime(entry.at) })}</p>
              <Show when={entry.document}>
                {(document) => (
                  <dl class="entry__facts">
                    <div>
                      <dt>{t("lifecycle.document")}</dt>
                      <dd>
                        <span class="code">{document().number}</span>
                      </dd>
                    </div>
                    <div>
                      <dt>{t("lifecycle.issuedOn")}</dt>
                      <dd>{format.date(document().issuedOn)}</dd>
                    </div>
                    <div>
                      <dt>{t("lifecycle.signer")}</dt>
                      <dd>{document().signer}</dd>
                    </div>
                    <Show when={document().summary}>
                      {(summary) => (
                        <div class="entry__wide">
                          <dt>{t("lifecycle.summary")}</dt>
                          <dd>{summary()}</dd>
                        </div>
                      )}
                    </Show>
                    <Show when={document().file}>
                      {(file) => (
                        <div class="entry__wide">
                          <dt>{t("lifecycle.file")}</dt>
                          <dd>
                            <a href={fileHref(file().id)} download={file().name}>
                              {file().name}
                            </a>
                          </dd>
                        </div>
                      )}
                    </Show>
                  </dl>
                )}
              </Show>
              <Show when={entry.outcome}>
                {(outcome) => (
                  <p class="entry__note">
                    <span class="entry__label">{t("lifecycle.outcome")}: </span>
                    {t(`outcome.${outcome()}`)}
                  </p>
                )}
              </Show>
              <Show when={entry.comment}>
                {(comment) => (
                  <p class="entry__note">
                    <span class="entry__label">{t("lifecycle.comment")}: </span>
                    <span class="prose">{comment()}</span>
                  </p>
                )}
              </Show>
            </li>
          )}
        </For>
      </ol>
    </Show>
  );
}
