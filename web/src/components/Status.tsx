import { type JSX, Show } from "solid-js";
import { useI18n } from "../i18n/context.tsx";

/** A polite "loading" notice with a spinner, announced once. */
export function Loading(props: { label?: string }) {
  const { t } = useI18n();
  return (
    <div class="status status--loading" role="status">
      <span class="spinner" aria-hidden="true" />
      <span>{props.label ?? t("app.loading")}</span>
    </div>
  );
}

/** Something failed: say what, and offer to try again when that can help. */
export function ErrorNotice(props: { title?: string; message: string; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div class="status status--error" role="alert">
      <Show when={props.title}>
        <p class="status__title">{props.title}</p>
      </Show>
      <p>{props.message}</p>
      <Show when={props.onRetry}>
        {(retry) => (
          <button type="button" class="button" onClick={() => retry()()}>
            {t("common.retry")}
          </button>
        )}
      </Show>
    </div>
  );
}

/** Nothing to show, and what to do about it. */
export function EmptyState(props: { title: string; hint?: string; children?: JSX.Element }) {
  return (
    <div class="status status--empty">
      <p class="status__title">{props.title}</p>
      <Show when={props.hint}>
        <p>{props.hint}</p>
      </Show>
      {props.children}
    </div>
  );
}
