import { createResource, createSignal, createUniqueId, Show } from "solid-js";
import { endMyOtherSessions, endMySession, listMySessions, type SessionItem } from "../../api/account.ts";
import { SessionList, useDeviceName } from "../../components/SessionList.tsx";
import { ErrorNotice, Loading } from "../../components/Status.tsx";
import { describeError, type UserMessage } from "../../errors.ts";
import { useI18n } from "../../i18n/context.tsx";
import { useFormat } from "../../i18n/format-hooks.ts";

/**
 * The signed-in person's open sessions: this one marked, any other ended one by one or all at
 * once. `version` changes when something else (a password change) ended sessions, to reload.
 */
export function MySessions(props: { version: number }) {
  const { t, message } = useI18n();
  const format = useFormat();
  const deviceName = useDeviceName();
  const headingId = createUniqueId();
  const [sessions, { refetch }] = createResource(() => props.version, listMySessions);
  const [busy, setBusy] = createSignal<string | null>(null);
  const [note, setNote] = createSignal<UserMessage | null>(null);
  const [problem, setProblem] = createSignal<UserMessage | null>(null);

  const others = () => (sessions.latest ?? []).filter((s) => !s.current).length;

  const run = async (key: string, action: () => Promise<UserMessage>) => {
    if (busy()) return;
    setBusy(key);
    setNote(null);
    setProblem(null);
    try {
      const done = await action();
      await refetch();
      setNote(done);
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(null);
    }
  };

  const endOne = (session: SessionItem) =>
    run(session.id, async () => {
      await endMySession(session.id);
      return { key: "account.sessions.ended" };
    });

  const endOthers = () =>
    run("others", async () => {
      const ended = await endMyOtherSessions();
      return { key: "account.sessions.endedOthers", params: { count: format.number(ended) } };
    });

  return (
    <section class="card section" aria-labelledby={headingId}>
      <div class="section__head">
        <h2 id={headingId} class="section__title">
          {t("account.sessions.heading")}
        </h2>
      </div>
      <p class="muted">{t("account.sessions.intro")}</p>
      <div role="status" class="alert-slot">
        <Show when={note()}>{(n) => <p class="notice notice--success">{message(n())}</p>}</Show>
      </div>
      <div role="alert" class="alert-slot">
        <Show when={problem()}>{(p) => <p class="notice notice--error">{message(p())}</p>}</Show>
      </div>
      <Show
        when={!sessions.error || sessions.latest}
        fallback={
          <ErrorNotice
            title={t("account.sessions.loadFailed")}
            message={message(describeError(sessions.error))}
            onRetry={refetch}
          />
        }
      >
        <Show when={sessions.latest} fallback={<Loading />}>
          {(list) => (
            <>
              <SessionList
                sessions={list()}
                action={(session) => (
                  <Show when={!session.current}>
                    <button
                      type="button"
                      class="button button--quiet"
                      disabled={busy() !== null}
                      aria-busy={busy() === session.id}
                      aria-label={t("account.sessions.endFor", {
                        device: deviceName(session),
                        at: format.dateTime(session.createdAt),
                      })}
                      onClick={() => void endOne(session)}
                    >
                      {busy() === session.id ? t("account.sessions.ending") : t("account.sessions.end")}
                    </button>
                  </Show>
                )}
              />
              <div class="session-tools">
                <Show when={others() > 0} fallback={<p class="muted">{t("account.sessions.noOthers")}</p>}>
                  <button
                    type="button"
                    class="button button--danger-outline"
                    disabled={busy() !== null}
                    aria-busy={busy() === "others"}
                    onClick={() => void endOthers()}
                  >
                    {busy() === "others" ? t("account.sessions.endingOthers") : t("account.sessions.endOthers")}
                  </button>
                </Show>
              </div>
            </>
          )}
        </Show>
      </Show>
    </section>
  );
}
