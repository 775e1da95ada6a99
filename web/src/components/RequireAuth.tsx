import { Navigate, type RouteSectionProps, useLocation } from "@solidjs/router";
import { Match, Switch } from "solid-js";
import { useI18n } from "../i18n/context.tsx";
import { useSession } from "../session.tsx";
import { SIGN_IN_PATH, signInHref } from "../sign-in-redirect.ts";
import { ErrorNotice, Loading } from "./Status.tsx";

/** Shows its pages only to a signed-in user; anyone else goes to sign-in and comes back after. */
export function RequireAuth(props: RouteSectionProps) {
  const { t } = useI18n();
  const session = useSession();
  const location = useLocation();

  const target = () =>
    session.ended() === "signedOut" ? SIGN_IN_PATH : signInHref(`${location.pathname}${location.search}`);

  return (
    <Switch>
      <Match when={session.user()}>{props.children}</Match>
      <Match when={session.checking()}>
        <Loading />
      </Match>
      <Match when={session.checkFailed()}>
        <ErrorNotice message={t("errors.NETWORK_ERROR")} onRetry={session.retry} />
      </Match>
      <Match when={true}>
        <Navigate href={target()} />
      </Match>
    </Switch>
  );
}
