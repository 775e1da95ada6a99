import { For, Show } from "solid-js";
import { minutesHref, type Outcome } from "../api/councils.ts";
import { explanationLines, outcomeGrade, taskOutcome } from "../council-wording.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";

/**
 * A closed council's outcome: the grade, then why (votes per grade, thresholds as "3/4 — needed N,
 * got M", quorum, recusals, a late dossier, the regulation), and the minutes to download.
 */
export function CouncilOutcome(props: {
  councilId: number;
  outcome: Outcome;
  minutes: { fileName: string } | null;
  /** On a task's page: that task's own result when the council reviewed several. */
  taskId?: number;
  /** The heading level the panel sits under (3 inside a section). */
  level?: 2 | 3;
}) {
  const { t, message } = useI18n();
  const format = useFormat();
  const own = () => taskOutcome(props.outcome, props.taskId);
  const grade = () => outcomeGrade(own().result);
  const winner = () => {
    const result = own().result;
    return typeof result === "string" ? undefined : result.winnerApplicantId;
  };

  return (
    <div class="council-outcome">
      <p class={`council-outcome__result council-outcome__result--${grade() ?? "selection"}`}>
        <Show
          when={grade()}
          fallback={
            <Show when={winner()} fallback={t("councils.outcome.noWinner")}>
              {(id) => t("councils.outcome.winner", { id: String(id()) })}
            </Show>
          }
        >
          {(g) => t("councils.outcome.result", { grade: t(`councils.grade.${g()}`) })}
        </Show>
      </p>
      <p class="muted">{t("councils.outcome.closedAt", { at: format.dateTime(props.outcome.closedAt) })}</p>
      <Show when={props.level === 3} fallback={<h3 class="subheading">{t("councils.outcome.explanation")}</h3>}>
        <h4 class="subheading">{t("councils.outcome.explanation")}</h4>
      </Show>
      <ul class="council-outcome__lines">
        <For each={explanationLines(own().explanation, message)}>{(line) => <li>{line}</li>}</For>
      </ul>
      <Show when={props.minutes} fallback={<p class="muted">{t("councils.outcome.noMinutes")}</p>}>
        {(minutes) => (
          <p>
            <a class="button" href={minutesHref(props.councilId)} download={minutes().fileName}>
              {t("councils.outcome.minutes")}
            </a>
          </p>
        )}
      </Show>
    </div>
  );
}
