import type { Stage } from "../api/types.ts";
import { useI18n } from "../i18n/context.tsx";

/** Colour families for stages; the text always carries the meaning, colour only helps scanning. */
const TONE: Record<Stage, "early" | "approved" | "active" | "closing" | "done" | "stopped"> = {
  proposed: "early",
  identified: "early",
  selection: "early",
  budget_appraisal: "early",
  approved: "approved",
  in_progress: "active",
  acceptance: "closing",
  recognition: "closing",
  registration: "closing",
  settlement: "closing",
  closed: "done",
  rejected: "stopped",
  terminated: "stopped",
  failed: "stopped",
};

export function StageBadge(props: { stage: Stage }) {
  const { t } = useI18n();
  return (
    <span class={`badge badge--${TONE[props.stage]}`}>
      <span class="badge__dot" aria-hidden="true" />
      {t(`stage.${props.stage}`)}
    </span>
  );
}
