import { createResource, For, Show } from "solid-js";
import { loadUnits } from "../catalog.ts";
import { useI18n } from "../i18n/context.tsx";
import { activeWatchKeys, NO_WATCH_FILTERS, type TaskListState, type WatchKey } from "../task-list-url.ts";
import "../dashboard.css";

/**
 * The dashboard's filters set on the task list (overdue reports, deadlines …), which the list's
 * own form does not offer: each shows as a chip that removes it, so a list opened from a figure
 * says why it holds what it holds.
 */
export function WatchFilterChips(props: { state: TaskListState; onChange: (patch: Partial<TaskListState>) => void }) {
  const { t } = useI18n();
  const [units] = createResource(
    () => props.state.formerProvince,
    () => loadUnits(),
  );
  const keys = () => activeWatchKeys(props.state);

  const text = (key: WatchKey): string => {
    const s = props.state;
    switch (key) {
      case "deadlineWithin":
        return s.deadlineKind
          ? t("dashboard.watch.deadlineWithinKind", {
              kind: t(`dashboard.deadlines.kind.${s.deadlineKind}`),
              days: String(s.deadlineWithin),
            })
          : t("dashboard.watch.deadlineWithin", { days: String(s.deadlineWithin) });
      case "budgetYear":
        return t("dashboard.watch.budgetYear", { year: String(s.budgetYear) });
      case "formerProvince": {
        const unit = units.state === "ready" ? units().find((u) => u.id === s.formerProvince) : undefined;
        return t("dashboard.watch.formerProvince", { name: unit?.name ?? `#${s.formerProvince}` });
      }
      default:
        return t(`dashboard.watch.${key}`);
    }
  };

  const clear = (key: WatchKey) =>
    props.onChange(
      key === "deadlineWithin"
        ? { deadlineWithin: undefined, deadlineKind: undefined }
        : { [key]: NO_WATCH_FILTERS[key] },
    );

  return (
    <Show when={keys().length > 0}>
      <div class="watch-filters">
        <span class="watch-filters__label">{t("dashboard.watch.label")}</span>
        <ul class="watch-filters__list">
          <For each={keys()}>
            {(key) => (
              <li class="watch-filter">
                <span>{text(key)}</span>
                <button
                  type="button"
                  class="watch-filter__remove"
                  aria-label={t("dashboard.watch.remove", { name: text(key) })}
                  onClick={() => clear(key)}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </div>
    </Show>
  );
}
