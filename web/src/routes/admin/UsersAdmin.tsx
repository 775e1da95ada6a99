import { createResource, createSignal, For, Show } from "solid-js";
import { listUsers, type UserItem } from "../../api/admin.ts";
import { ErrorNotice, Loading } from "../../components/Status.tsx";
import { describeError, type UserMessage } from "../../errors.ts";
import { useI18n } from "../../i18n/context.tsx";
import { usePageTitle } from "../../page-title.ts";
import { useSession } from "../../session.tsx";
import { AdminNav } from "./RequireAdmin.tsx";
import { ROLE_ORDER, UserForm } from "./UserForm.tsx";
import { UserPasswordReset } from "./UserPasswordReset.tsx";
import { UserSessions } from "./UserSessions.tsx";

const COLUMNS = 7;

/** "Tài khoản": every account with its roles, unit, linked scientist and status; create and edit. */
export function UsersAdmin() {
  const { t, message } = useI18n();
  const session = useSession();
  usePageTitle(() => t("admin.users.title"));
  const [users, { refetch }] = createResource(listUsers);
  const [flash, setFlash] = createSignal<UserMessage | null>(null);
  const [adding, setAdding] = createSignal(false);
  const [editing, setEditing] = createSignal<number | null>(null);
  const selfId = () => session.user()?.id;

  const saved = async (note: UserMessage) => {
    setAdding(false);
    setEditing(null);
    await refetch();
    setFlash(note);
  };

  return (
    <div class="page">
      <div class="page-head">
        <h1>{t("admin.users.title")}</h1>
        <Show when={!adding()}>
          <button
            type="button"
            class="button button--primary"
            onClick={() => {
              setEditing(null);
              setFlash(null);
              setAdding(true);
            }}
          >
            {t("admin.users.add")}
          </button>
        </Show>
      </div>
      <AdminNav />
      <p class="muted">{t("admin.users.intro")}</p>
      <div role="status" class="alert-slot">
        <Show when={flash()}>{(note) => <p class="notice notice--success">{message(note())}</p>}</Show>
      </div>
      <Show when={adding()}>
        <div class="card">
          <UserForm
            selfId={selfId()}
            onCancel={() => setAdding(false)}
            onSaved={(user) => void saved({ key: "admin.users.created", params: { email: user.email } })}
          />
        </div>
      </Show>
      <Show
        when={!users.error || users.latest}
        fallback={<ErrorNotice message={message(describeError(users.error))} onRetry={refetch} />}
      >
        <Show when={users.latest} fallback={<Loading />}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="muted">{t("admin.users.empty")}</p>}>
              <div class="card">
                <table class="user-table">
                  <caption class="visually-hidden">{t("admin.users.tableCaption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("admin.users.fullName")}</th>
                      <th scope="col">{t("admin.users.email")}</th>
                      <th scope="col">{t("admin.users.roles")}</th>
                      <th scope="col">{t("admin.users.unit")}</th>
                      <th scope="col">{t("admin.users.person")}</th>
                      <th scope="col">{t("admin.users.active")}</th>
                      <th scope="col">
                        <span class="visually-hidden">{t("admin.users.actions")}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={list()}>
                      {(user) => (
                        <UserRow
                          user={user}
                          isSelf={user.id === selfId()}
                          editing={editing() === user.id}
                          onEdit={() => {
                            setAdding(false);
                            setFlash(null);
                            setEditing(user.id);
                          }}
                          onCancel={() => setEditing(null)}
                          onSaved={(next) => void saved({ key: "admin.users.saved", params: { name: next.fullName } })}
                          selfId={selfId()}
                        />
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
          )}
        </Show>
      </Show>
    </div>
  );
}

function UserRow(props: {
  user: UserItem;
  isSelf: boolean;
  editing: boolean;
  selfId: number | undefined;
  onEdit: () => void;
  onCancel: () => void;
  onSaved: (user: UserItem) => void;
}) {
  const { t } = useI18n();
  let editButton: HTMLButtonElement | undefined;
  const sortedRoles = () => ROLE_ORDER.filter((role) => props.user.roles.includes(role));

  return (
    <>
      <tr>
        <th scope="row" data-label={t("admin.users.fullName")}>
          {props.user.fullName}
          <Show when={props.isSelf}>
            <span class="muted"> {t("admin.users.you")}</span>
          </Show>
        </th>
        <td data-label={t("admin.users.email")}>{props.user.email}</td>
        <td data-label={t("admin.users.roles")}>
          <ul class="chips">
            <For each={sortedRoles()}>{(role) => <li class="chip">{t(`role.${role}`)}</li>}</For>
          </ul>
        </td>
        <td data-label={t("admin.users.unit")}>{props.user.unit?.name ?? t("admin.common.none")}</td>
        <td data-label={t("admin.users.person")}>
          {props.user.personId
            ? t("admin.users.personRef", { id: String(props.user.personId) })
            : t("admin.common.none")}
        </td>
        <td data-label={t("admin.users.active")}>
          <span class="badge" classList={{ "badge--on": props.user.active, "badge--inactive": !props.user.active }}>
            {props.user.active ? t("admin.users.isActive") : t("admin.users.isInactive")}
          </span>
        </td>
        <td>
          <button
            type="button"
            class="button button--quiet"
            ref={editButton}
            aria-expanded={props.editing}
            aria-label={t("admin.users.editFor", { name: props.user.fullName })}
            onClick={() => (props.editing ? props.onCancel() : props.onEdit())}
          >
            {t("admin.common.edit")}
          </button>
        </td>
      </tr>
      <Show when={props.editing}>
        <tr class="user-edit">
          <td colSpan={COLUMNS}>
            <UserForm
              user={props.user}
              selfId={props.selfId}
              onCancel={() => {
                props.onCancel();
                queueMicrotask(() => editButton?.focus());
              }}
              onSaved={props.onSaved}
            />
            <UserSessions user={props.user} isSelf={props.isSelf} />
            <UserPasswordReset user={props.user} isSelf={props.isSelf} />
          </td>
        </tr>
      </Show>
    </>
  );
}
