import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { useI18n } from "../i18n/context.tsx";
import { useSession } from "../session.tsx";
import { HOME_PATH } from "../sign-in-redirect.ts";
import { AccountBar } from "./AccountBar.tsx";
import { LanguageSwitch } from "./LanguageSwitch.tsx";
import { Logo } from "./Logo.tsx";

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
                <A href={HOME_PATH} activeClass="is-active">
                  {t("nav.tasks")}
                </A>
              </nav>
              <AccountBar user={user()} />
            </>
          )}
        </Show>
        <LanguageSwitch />
      </div>
    </header>
  );
}
