import type { TaskSummary } from "@khcn/api/tasks/schemas";
import { For, Show } from "solid-js";
import { useI18n } from "../i18n/context.tsx";
import { themeName } from "../theme-tree.ts";

/** The task's Industry 4.0 themes as a list of small chips. */
export function ThemeChips(props: { themes: TaskSummary["themes"]; label?: string }) {
  const { locale } = useI18n();
  return (
    <Show when={props.themes.length > 0}>
      <ul class="chips" aria-label={props.label}>
        <For each={props.themes}>{(theme) => <li class="chip">{themeName(theme, locale())}</li>}</For>
      </ul>
    </Show>
  );
}
