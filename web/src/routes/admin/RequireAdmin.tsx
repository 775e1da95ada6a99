import { A, type RouteSectionProps } from "@solidjs/router";
import { Show } from "solid-js";
import { ADMIN_PARAMETERS_PATH, ADMIN_THEMES_PATH, ADMIN_USERS_PATH } from "../../admin-paths.ts";
import { useI18n } from "../../i18n/context.tsx";
import { usePageTitle } from "../../page-title.ts";
import { useSession } from "../../session.tsx";
import { HOME_PATH } from "../../sign-in-redirect.ts";
import "./admin.css";

/** The administration pages, for administrators only; anyone else gets "no access" (the API refuses them too). */
export function RequireAdmin(props: RouteSectionProps) {
  const session = useSession();
  const isAdmin = () => session.user()?.roles.includes("admin") ?? false;
  return (
    <Show when={isAdmin()} fallback={<NoAccess />}>
      {props.children}
    </Show>
  );
}

export function NoAccess() {
  const { t } = useI18n();
  usePageTitle(() => t("admin.noAccess.title"));
  return (
    <div class="page page--narrow">
      <div class="card status-page">
        <h1>{t("admin.noAccess.title")}</h1>
        <p>{t("admin.noAccess.body")}</p>
        <p>
          <A href={HOME_PATH} class="button button--primary">
            {t("notFound.home")}
          </A>
        </p>
      </div>
    </div>
  );
}

/** Moves between the administration pages. */
export function AdminNav() {
  const { t } = useI18n();
  return (
    <nav class="admin-nav" aria-label={t("admin.sectionLabel")}>
      <A href={ADMIN_THEMES_PATH} activeClass="is-active" end>
        {t("admin.themes.navLabel")}
      </A>
      <A href={ADMIN_USERS_PATH} activeClass="is-active" end>
        {t("admin.users.navLabel")}
      </A>
      <A href={ADMIN_PARAMETERS_PATH} activeClass="is-active" end>
        {t("admin.parameters.navLabel")}
      </A>
    </nav>
  );
}
