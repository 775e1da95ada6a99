import { Show } from "solid-js";
import type { ReportState } from "../api/reports.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";

const TONE: Record<ReportState, "early" | "approved" | "active" | "closing" | "done" | "stopped"> = {
  upcoming: "early",
  due: "closing",
  overdue: "stopped",
  draft: "approved",
  submitted: "approved",
  returned: "closing",
  accepted: "active",
};

/** A report's state as of today; overdue says by how many days. */
export function ReportStateBadge(props: { state: ReportState; daysOverdue?: number | null }) {
  const { t, plural } = useI18n();
  const format = useFormat();
  return (
    <span class={`badge badge--${TONE[props.state]}`}>
      <span class="badge__dot" aria-hidden="true" />
      {t(`reports.state.${props.state}`)}
      <Show when={props.state === "overdue" && props.daysOverdue}>
        {(days) => <span class="badge__extra">({plural("reports.daysOverdue", days(), format.number(days()))})</span>}
      </Show>
    </span>
  );
}
