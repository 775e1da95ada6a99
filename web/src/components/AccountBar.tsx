import type { SessionUser } from "@khcn/api/auth/schemas";
import { A } from "@solidjs/router";
import { createSignal } from "solid-js";
import { ACCOUNT_PATH } from "../account-paths.ts";
import { useI18n } from "../i18n/context.tsx";
import { useSession } from "../session.tsx";

/** Who is signed in (a link to their account page), with which roles, and the way out. */
export function AccountBar(props: { user: SessionUser }) {
  const { t } = useI18n();
  const session = useSession();
  const [busy, setBusy] = createSignal(false);

  const roles = () => props.user.roles.map((role) => t(`role.${role}`)).join(", ");

  const signOut = async () => {
    setBusy(true);
    try {
      await session.signOut();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="account">
      <p class="account__who">
        {/* The name opens "Tài khoản của tôi" (profile, password, sessions); the link says so to a screen reader. */}
        <A href={ACCOUNT_PATH} class="account__name" activeClass="is-active">
          <span class="visually-hidden">{t("account.nav")}: </span>
          {props.user.fullName}
        </A>
        <span class="account__roles">
          <span class="visually-hidden">{t("header.roles")}: </span>
          {roles()}
        </span>
      </p>
      <button type="button" class="button button--quiet" onClick={signOut} disabled={busy()}>
        {busy() ? t("header.signingOut") : t("header.signOut")}
      </button>
    </div>
  );
}
