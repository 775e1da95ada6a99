import { createSignal, createUniqueId, For, Show } from "solid-js";
import { useI18n } from "../i18n/context.tsx";
import { usePageTitle } from "../page-title.ts";
import { useSession } from "../session.tsx";
import { EmailForm } from "./account/EmailForm.tsx";
import { MySessions } from "./account/MySessions.tsx";
import { PasswordForm } from "./account/PasswordForm.tsx";
import "../account.css";

/** "Tài khoản của tôi": who I am here, my password and e-mail, and where I am signed in. */
export function Account() {
  const { t } = useI18n();
  const session = useSession();
  usePageTitle(() => t("account.title"));
  const profileId = createUniqueId();
  // Bumped after a password change, which ends the other sessions: the list reloads.
  const [sessionsVersion, setSessionsVersion] = createSignal(0);

  return (
    <Show when={session.user()}>
      {(user) => (
        <div class="page account-page">
          <div class="page-head">
            <h1>{t("account.title")}</h1>
          </div>
          <section class="card section" aria-labelledby={profileId}>
            <div class="section__head">
              <h2 id={profileId} class="section__title">
                {t("account.profile.heading")}
              </h2>
            </div>
            <dl class="facts">
              <div>
                <dt>{t("account.profile.fullName")}</dt>
                <dd>{user().fullName}</dd>
              </div>
              <div>
                <dt>{t("account.profile.email")}</dt>
                <dd>{user().email}</dd>
              </div>
              <div>
                <dt>{t("account.profile.roles")}</dt>
                <dd>
                  <ul class="chips">
                    <For each={user().roles}>{(role) => <li class="chip">{t(`role.${role}`)}</li>}</For>
                  </ul>
                </dd>
              </div>
              <div>
                <dt>{t("account.profile.unit")}</dt>
                <dd>{user().unit?.name ?? t("account.profile.unitNone")}</dd>
              </div>
            </dl>
            <p class="muted">{t("account.profile.note")}</p>
          </section>
          <PasswordForm email={user().email} onChanged={() => setSessionsVersion((v) => v + 1)} />
          <EmailForm email={user().email} onChanged={(next) => session.replaceUser(next)} />
          <MySessions version={sessionsVersion()} />
        </div>
      )}
    </Show>
  );
}
