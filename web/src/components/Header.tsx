import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { ADMIN_PATH } from "../admin-paths.ts";
import { MY_COUNCILS_PATH } from "../council-paths.ts";
import { useI18n } from "../i18n/context.tsx";
import { IMPORT_PATH } from "../import-paths.ts";
import { REPORTS_PATH } from "../report-paths.ts";
import { useSession } from "../session.tsx";
import { DASHBOARD_PATH, HOME_PATH, LANDING_PATH } from "../sign-in-redirect.ts";
import { PENDING_ADJUSTMENTS_PATH } from "../task-paths.ts";
import { AccountBar } from "./AccountBar.tsx";
import { LanguageSwitch } from "./LanguageSwitch.tsx";
import { Logo } from "./Logo.tsx";
import { NotificationBell } from "./NotificationBell.tsx";

export function Header() {
  const { t } = useI18n();
  const session = useSession();

  return (
    <header class="app-header">
      <div class="app-header__inner">
        <A href={HOME_PATH} class="brand" end>
          <Logo />
          <span class="brand__text">
            <span class="brand__name">{t("app.name")}</span>
            <span class="brand__owner">{t("app.owner")}</span>
          </span>
        </A>
        <Show when={session.user()}>
          {(user) => (
            <>
              <nav aria-label={t("nav.label")} class="main-nav">
                <A href={LANDING_PATH} activeClass="is-active">
                  {t("worklist.nav")}
                </A>
                <Show when={user().roles.some((r) => r === "staff" || r === "head" || r === "admin")}>
                  <A href={DASHBOARD_PATH} activeClass="is-active">
                    {t("dashboard.nav")}
                  </A>
                </Show>
                <A href={HOME_PATH} activeClass="is-active">
                  {t("nav.tasks")}
                </A>
                <Show when={user().roles.some((r) => r === "staff" || r === "head" || r === "admin" || r === "pi")}>
                  <A href={REPORTS_PATH} activeClass="is-active">
                    {t("reports.nav")}
                  </A>
                </Show>
                <Show when={user().roles.some((r) => r === "staff" || r === "head")}>
                  <A href={PENDING_ADJUSTMENTS_PATH} activeClass="is-active">
                    {t("progress.pending.nav")}
                  </A>
                </Show>
                <Show when={user().roles.includes("council")}>
                  <A href={MY_COUNCILS_PATH} activeClass="is-active">
                    {t("councils.nav")}
                  </A>
                </Show>
                <Show when={user().roles.some((r) => r === "staff" || r === "admin")}>
                  <A href={IMPORT_PATH} activeClass="is-active">
                    {t("imports.nav")}
                  </A>
                </Show>
                <Show when={user().roles.includes("admin")}>
                  <A href={ADMIN_PATH} activeClass="is-active">
                    {t("admin.nav")}
                  </A>
                </Show>
              </nav>
              <NotificationBell />
              <AccountBar user={user()} />
            </>
          )}
        </Show>
        <LanguageSwitch />
      </div>
    </header>
  );
}
