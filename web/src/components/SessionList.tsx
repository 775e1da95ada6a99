import { For, type JSX, Show } from "solid-js";
import type { SessionItem } from "../api/account.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { summariseUserAgent } from "../user-agent.ts";
import "../account.css";

/** "Chrome trên Windows", or as much of it as the User-Agent tells. */
export function useDeviceName(): (session: SessionItem) => string {
  const { t } = useI18n();
  return (session) => {
    const { browser, os } = summariseUserAgent(session.userAgent);
    if (!browser && !os) return t("account.sessions.unknownDevice");
    return t("account.sessions.device", {
      browser: browser ?? t("account.sessions.unknownBrowser"),
      os: os ?? t("account.sessions.unknownOs"),
    });
  };
}

/** The current session first, then the most recently used. */
export function orderSessions(sessions: readonly SessionItem[]): SessionItem[] {
  const used = (s: SessionItem) => Date.parse(s.lastUsedAt) || 0;
  return [...sessions].sort((a, b) => Number(b.current) - Number(a.current) || used(b) - used(a));
}

/**
 * Open sessions as a list of cards (readable on a phone): device, address and times, "this
 * session" marked; `action` adds a control to a session (e.g. "End" on the account page).
 */
export function SessionList(props: {
  sessions: readonly SessionItem[];
  action?: (session: SessionItem) => JSX.Element;
}) {
  const { t } = useI18n();
  const format = useFormat();
  const deviceName = useDeviceName();

  return (
    <ul class="session-list" aria-label={t("account.sessions.listLabel")}>
      <For each={orderSessions(props.sessions)}>
        {(session) => (
          <li class="session" classList={{ "session--current": session.current }}>
            <div class="session__head">
              <span class="session__device" title={session.userAgent ?? undefined}>
                {deviceName(session)}
              </span>
              <Show when={session.current}>
                <span class="badge badge--active">{t("account.sessions.current")}</span>
              </Show>
            </div>
            <dl class="session__facts">
              <div>
                <dt>{t("account.sessions.ip")}</dt>
                <dd>{session.ipAddress ?? t("common.notSet")}</dd>
              </div>
              <div>
                <dt>{t("account.sessions.signedIn")}</dt>
                <dd>{format.dateTime(session.createdAt)}</dd>
              </div>
              <div>
                <dt>{t("account.sessions.lastActive")}</dt>
                <dd>{format.dateTime(session.lastUsedAt)}</dd>
              </div>
              <div>
                <dt>{t("account.sessions.expires")}</dt>
                <dd>{format.dateTime(session.expiresAt)}</dd>
              </div>
            </dl>
            <Show when={props.action}>{(action) => <div class="session__action">{action()(session)}</div>}</Show>
          </li>
        )}
      </For>
    </ul>
  );
}
