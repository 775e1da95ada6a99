import type { TimelineEntry } from "@khcn/api/lifecycle/schemas";
import { createMemo, For, Show } from "solid-js";
import type { Stage } from "../api/types.ts";
import { vietnamDateOf } from "../format.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { type StepState, stageRail } from "../stage-rail.ts";

const STATE_KEY = {
  done: "lifecycle.stepDone",
  current: "lifecycle.stepCurrent",
  upcoming: "lifecycle.stepUpcoming",
  skipped: "lifecycle.stepSkipped",
  notReached: "lifecycle.stepNotReached",
} as const satisfies Record<StepState, string>;

/** Every stage of the path, marked done, current or to come, with the date and document of each step taken. */
export function StageRail(props: { stage: Stage; entries: readonly TimelineEntry[]; createdAt: string }) {
  const { t } = useI18n();
  const format = useFormat();
  const steps = createMemo(() => stageRail(props.stage, props.entries));

  const dateOf = (entry: TimelineEntry) => format.date(entry.document?.issuedOn ?? vietnamDateOf(entry.at));

  return (
    <ol class="rail">
      <For each={steps()}>
        {(step) => (
          <li
            class={`rail__step rail__step--${step.state}`}
            classList={{ "rail__step--side": step.side }}
            aria-current={step.state === "current" ? "step" : undefined}
          >
            <span class="rail__marker" aria-hidden="true" />
            <div class="rail__body">
              <p class="rail__stage">{t(`stage.${step.stage}`)}</p>
              <p class="rail__state">{t(STATE_KEY[step.state])}</p>
              <Show when={step.entry}>
                {(entry) => (
                  <p class="rail__detail">
                    {dateOf(entry())}
                    <Show when={entry().document}>
                      {(document) => (
                        <>
                          {" · "}
                          <span class="code">{document().number}</span>
                        </>
                      )}
                    </Show>
                  </p>
                )}
              </Show>
              <Show when={step.stage === "proposed" && step.state !== "upcoming"}>
                <p class="rail__detail">
                  {t("lifecycle.proposedOn", { date: format.date(vietnamDateOf(props.createdAt)) })}
                </p>
              </Show>
            </div>
          </li>
        )}
      </For>
    </ol>
  );
}
