import { createResource, createSignal, createUniqueId, Show } from "solid-js";
import { endUserSessions, listUserSessions } from "../../api/account.ts";
import type { UserItem } from "../../api/admin.ts";
import { ApiError } from "../../api/client.ts";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { SessionList } from "../../components/SessionList.tsx";
import { ErrorNotice, Loading } from "../../components/Status.tsx";
import { describeError, type UserMessage } from "../../errors.ts";
import { useI18n } from "../../i18n/context.tsx";
import { useFormat } from "../../i18n/format-hooks.ts";

/** The API answers 403 for an account whose sessions are another unit's administrators' to manage. */
const isForbidden = (error: unknown) => error instanceof ApiError && error.status === 403;

/**
 * An account's open sessions on its administration row, and the way to end them all (a stolen
 * laptop, someone leaving). The administrator's own account is managed on "Tài khoản của tôi",
 * where ending every session cannot sign them out by surprise.
 */
export function UserSessions(props: { user: UserItem; isSelf: boolean }) {
  const { t, message, plural } = useI18n();
  const format = useFormat();
  const headingId = createUniqueId();
  const [sessions, { refetch }] = createResource(() => props.user.id, listUserSessions);
  const [asking, setAsking] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<UserMessage | null>(null);
  const [done, setDone] = createSignal<UserMessage | null>(null);

  const count = () => sessions.latest?.length ?? 0;
  const problemText = () => {
    const p = problem();
    return p ? message(p) : null;
  };

  const endAll = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const ended = await endUserSessions(props.user.id);
      setAsking(false);
      await refetch();
      setDone({ key: "account.admin.done", params: { name: props.user.fullName, count: format.number(ended) } });
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="user-sessions" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t("account.admin.heading")}
        <Show when={count() > 0}>
          {" "}
          <span class="muted">({plural("account.sessions.count", count(), format.number(count()))})</span>
        </Show>
      </h3>
      <div role="status" class="alert-slot">
        <Show when={done()}>{(note) => <p class="notice notice--success">{message(note())}</p>}</Show>
      </div>
      <Show
        when={!sessions.error || sessions.latest}
        fallback={
          isForbidden(sessions.error) ? (
            <p class="muted">{t("account.admin.otherUnit")}</p>
          ) : (
            <ErrorNotice
              title={t("account.sessions.loadFailed")}
              message={message(describeError(sessions.error))}
              onRetry={refetch}
            />
          )
        }
      >
        <Show when={sessions.latest} fallback={<Loading />}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="muted">{t("account.admin.none")}</p>}>
              <SessionList sessions={list()} />
              <div class="session-tools">
                <Show when={!props.isSelf} fallback={<p class="muted">{t("account.admin.self")}</p>}>
                  <button
                    type="button"
                    class="button button--danger-outline"
                    onClick={() => {
                      setDone(null);
                      setProblem(null);
                      setAsking(true);
                    }}
                  >
                    {t("account.admin.endAll")}
                  </button>
                </Show>
              </div>
            </Show>
          )}
        </Show>
      </Show>
      <Show when={asking()}>
        <ConfirmDialog
          title={t("account.admin.confirmTitle", { name: props.user.fullName })}
          body={<p>{t("account.admin.confirmBody", { name: props.user.fullName })}</p>}
          confirmLabel={t("account.admin.confirm")}
          busyLabel={t("account.admin.ending")}
          cancelLabel={t("account.admin.cancel")}
          busy={busy()}
          danger
          problem={problemText()}
          onConfirm={() => void endAll()}
          onCancel={() => setAsking(false)}
        />
      </Show>
    </section>
  );
}
