import { A, useLocation } from "@solidjs/router";
import { createEffect, createResource, createSignal, createUniqueId, For, on, onCleanup, Show } from "solid-js";
import { getNotifications, markNotificationRead, type NotificationItem } from "../api/reports.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { reportPagePath } from "../report-paths.ts";
import { taskPath } from "../task-paths.ts";
import "../reports.css";

const POLL_MS = 60_000;

/** The header's bell: the unread count, and a short list of what happened to one's tasks. */
export function NotificationBell() {
  const { t } = useI18n();
  const format = useFormat();
  const location = useLocation();
  const panelId = createUniqueId();
  const [open, setOpen] = createSignal(false);
  const [list, { refetch }] = createResource(() => getNotifications(false));
  let root: HTMLDivElement | undefined;
  let button: HTMLButtonElement | undefined;

  const timer = setInterval(() => void refetch(), POLL_MS);
  onCleanup(() => clearInterval(timer));
  // A page change may be what the notification was about (a report just reviewed).
  createEffect(
    on(
      () => location.pathname,
      () => void refetch(),
      { defer: true },
    ),
  );

  const unread = () => list.latest?.unread ?? 0;
  const items = () => (list.latest?.items ?? []).slice(0, 10);

  const close = () => setOpen(false);
  const onDocumentClick = (event: MouseEvent) => {
    if (open() && root && !root.contains(event.target as Node)) close();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === "Escape" && open()) {
      close();
      button?.focus();
    }
  };
  document.addEventListener("click", onDocumentClick);
  document.addEventListener("keydown", onKey);
  onCleanup(() => {
    document.removeEventListener("click", onDocumentClick);
    document.removeEventListener("keydown", onKey);
  });

  const markRead = async (item: NotificationItem) => {
    if (item.readAt) return;
    try {
      await markNotificationRead(item.id);
    } finally {
      void refetch();
    }
  };

  const text = (item: NotificationItem) => {
    const code = item.task?.code ?? "";
    const seq = String(item.payload.seq ?? "");
    switch (item.kind) {
      case "report.returned":
        return t("reports.notifications.reportReturned", { seq, code });
      case "report.accepted":
        return t("reports.notifications.reportAccepted", { seq, code });
      case "adjustment.decided":
        return item.payload.decision === "approved"
          ? t("reports.notifications.adjustmentApproved", { code })
          : t("reports.notifications.adjustmentRejected", { code });
      default:
        return t("reports.notifications.other", { code });
    }
  };
  const href = (item: NotificationItem) => {
    const periodId = item.payload.periodId;
    if (item.task && typeof periodId === "number") return reportPagePath(item.task.id, periodId);
    return item.task ? taskPath(item.task.id) : null;
  };

  return (
    <div class="bell" ref={root}>
      <button
        type="button"
        ref={button}
        class="bell__button"
        aria-expanded={open()}
        aria-controls={panelId}
        onClick={() => {
          setOpen(!open());
          if (open()) void refetch();
        }}
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        <span class="visually-hidden">
          {unread() > 0
            ? t("reports.notifications.unread", { count: String(unread()) })
            : t("reports.notifications.label")}
        </span>
        <Show when={unread() > 0}>
          <span class="bell__count" aria-hidden="true">
            {unread() > 99 ? "99+" : unread()}
          </span>
        </Show>
      </button>
      <Show when={open()}>
        <section id={panelId} class="bell__panel card" aria-label={t("reports.notifications.title")}>
          <h2 class="bell__title">{t("reports.notifications.title")}</h2>
          <Show when={items().length > 0} fallback={<p class="muted">{t("reports.notifications.empty")}</p>}>
            <ul class="bell__list">
              <For each={items()}>
                {(item) => (
                  <li class="bell__item" classList={{ "bell__item--unread": !item.readAt }}>
                    <Show when={href(item)} fallback={<p>{text(item)}</p>}>
                      {(link) => (
                        <A
                          href={link()}
                          onClick={() => {
                            void markRead(item);
                            close();
                          }}
                        >
                          {text(item)}
                        </A>
                      )}
                    </Show>
                    <p class="bell__meta">
                      <span class="muted">{format.dateTime(item.createdAt)}</span>
                      <Show when={!item.readAt}>
                        <button type="button" class="link-button" onClick={() => void markRead(item)}>
                          {t("reports.notifications.markRead")}
                        </button>
                      </Show>
                    </p>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </section>
      </Show>
    </div>
  );
}
