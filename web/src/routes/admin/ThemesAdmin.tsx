import { createMemo, createResource, createSignal, For, Show } from "solid-js";
import { adminErrorMessage } from "../../admin-errors.ts";
import { deleteTheme, type ThemeItem, updateTheme } from "../../api/admin.ts";
import { listThemes } from "../../api/client.ts";
import { clearCatalogCache } from "../../catalog.ts";
import { ErrorNotice, Loading } from "../../components/Status.tsx";
import { describeError, type UserMessage } from "../../errors.ts";
import { useI18n } from "../../i18n/context.tsx";
import { usePageTitle } from "../../page-title.ts";
import { themeName } from "../../theme-tree.ts";
import { AdminNav } from "./RequireAdmin.tsx";
import { ThemeForm } from "./ThemeForm.tsx";

type Adding = { parentId: number | null } | null;

/** "Chủ đề Công nghiệp 4.0": the two-level theme taxonomy, with add, edit, archive and delete. */
export function ThemesAdmin() {
  const { t, message, locale } = useI18n();
  usePageTitle(() => t("admin.themes.title"));
  const [themes, { refetch }] = createResource(listThemes);
  const [flash, setFlash] = createSignal<UserMessage | null>(null);
  const [adding, setAdding] = createSignal<Adding>(null);
  const [editing, setEditing] = createSignal<number | null>(null);

  const items = () => themes.latest ?? [];
  const tree = createMemo(() => {
    const all = items();
    const ids = new Set(all.map((item) => item.id));
    const roots = all.filter((item) => item.parentId === null || !ids.has(item.parentId));
    const children = new Map<number, ThemeItem[]>();
    for (const item of all) {
      if (item.parentId === null || !ids.has(item.parentId)) continue;
      children.set(item.parentId, [...(children.get(item.parentId) ?? []), item]);
    }
    return { roots, children };
  });

  /** After any change: the other pages' cached themes are stale, and this page reloads them. */
  const changed = async (note: UserMessage) => {
    clearCatalogCache();
    await refetch();
    setFlash(note);
  };

  const startAdding = (parentId: number | null) => {
    setEditing(null);
    setFlash(null);
    setAdding({ parentId });
    window.scrollTo({ top: 0 });
  };

  return (
    <div class="page">
      <div class="page-head">
        <h1>{t("admin.themes.title")}</h1>
        <Show when={!adding()}>
          <button type="button" class="button button--primary" onClick={() => startAdding(null)}>
            {t("admin.themes.add")}
          </button>
        </Show>
      </div>
      <AdminNav />
      <p class="muted">{t("admin.themes.intro")}</p>
      <div role="status" class="alert-slot">
        <Show when={flash()}>{(note) => <p class="notice notice--success">{message(note())}</p>}</Show>
      </div>
      <Show when={adding()}>
        {(add) => (
          <ThemeForm
            parentId={add().parentId}
            themes={items()}
            onCancel={() => setAdding(null)}
            onSaved={(theme) => {
              setAdding(null);
              void changed({ key: "admin.themes.created", params: { name: themeName(theme, locale()) } });
            }}
          />
        )}
      </Show>
      <Show
        when={!themes.error || themes.latest}
        fallback={<ErrorNotice message={message(describeError(themes.error))} onRetry={refetch} />}
      >
        <Show when={themes.latest} fallback={<Loading />}>
          <Show when={tree().roots.length > 0} fallback={<p class="muted">{t("admin.themes.empty")}</p>}>
            <ul class="theme-tree">
              <For each={tree().roots}>
                {(root) => (
                  <li>
                    <ThemeRow
                      theme={root}
                      themes={items()}
                      editing={editing() === root.id}
                      hasChildren={(tree().children.get(root.id)?.length ?? 0) > 0}
                      onEdit={() => {
                        setAdding(null);
                        setEditing(root.id);
                      }}
                      onDone={() => setEditing(null)}
                      onAddSub={() => startAdding(root.id)}
                      onChanged={changed}
                    />
                    <Show when={tree().children.get(root.id)}>
                      {(subs) => (
                        <ul aria-label={t("admin.themes.subCount", { count: String(subs().length) })}>
                          <For each={subs()}>
                            {(sub) => (
                              <li>
                                <ThemeRow
                                  theme={sub}
                                  themes={items()}
                                  editing={editing() === sub.id}
                                  hasChildren={false}
                                  onEdit={() => {
                                    setAdding(null);
                                    setEditing(sub.id);
                                  }}
                                  onDone={() => setEditing(null)}
                                  onChanged={changed}
                                />
                              </li>
                            )}
                          </For>
                        </ul>
                      )}
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Show>
      </Show>
    </div>
  );
}

function ThemeRow(props: {
  theme: ThemeItem;
  themes: readonly ThemeItem[];
  editing: boolean;
  hasChildren: boolean;
  onEdit: () => void;
  onDone: () => void;
  onAddSub?: () => void;
  onChanged: (note: UserMessage) => Promise<void>;
}) {
  const { t, message, locale } = useI18n();
  const [busy, setBusy] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  const [error, setError] = createSignal<UserMessage | null>(null);
  const name = () => themeName(props.theme, locale());
  let editButton: HTMLButtonElement | undefined;
  let confirmButton: HTMLButtonElement | undefined;

  const run = async (action: () => Promise<unknown>, note: UserMessage) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      setConfirming(false);
      await props.onChanged(note);
    } catch (caught) {
      setError(adminErrorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const toggleArchive = () => {
    const archived = !props.theme.archived;
    void run(() => updateTheme(props.theme.id, { archived }), {
      key: archived ? "admin.themes.archivedDone" : "admin.themes.unarchivedDone",
      params: { name: name() },
    });
  };

  return (
    <Show
      when={!props.editing}
      fallback={
        <ThemeForm
          theme={props.theme}
          themes={props.themes}
          onCancel={() => {
            props.onDone();
            queueMicrotask(() => editButton?.focus());
          }}
          onSaved={(theme) => {
            props.onDone();
            void props.onChanged({ key: "admin.themes.saved", params: { name: themeName(theme, locale()) } });
          }}
        />
      }
    >
      <div class="card theme-row" classList={{ "is-archived": props.theme.archived }}>
        <div class="theme-row__main">
          <p class="theme-row__title">
            <span class="code">{props.theme.code}</span>
            <span lang="vi">{props.theme.nameVi}</span>
            <Show when={props.theme.archived}>
              <span class="badge badge--archived">{t("admin.themes.archived")}</span>
            </Show>
          </p>
          <p class="muted" lang="en">
            {props.theme.nameEn}
          </p>
          <Show when={props.theme.r57Target}>
            {(target) => (
              <p>
                <span class="muted">{t("admin.themes.r57Target")}: </span>
                {target()}
              </p>
            )}
          </Show>
        </div>
        <div class="theme-row__actions">
          <button
            type="button"
            class="button button--quiet"
            ref={editButton}
            disabled={busy()}
            onClick={() => props.onEdit()}
          >
            {t("admin.common.edit")}
            <span class="visually-hidden"> {name()}</span>
          </button>
          <Show when={props.onAddSub && !props.theme.archived}>
            <button type="button" class="button button--quiet" disabled={busy()} onClick={() => props.onAddSub?.()}>
              {t("admin.themes.addSub")}
              <span class="visually-hidden"> — {name()}</span>
            </button>
          </Show>
          <button type="button" class="button button--quiet" disabled={busy()} onClick={toggleArchive}>
            {props.theme.archived ? t("admin.themes.unarchive") : t("admin.themes.archive")}
            <span class="visually-hidden"> {name()}</span>
          </button>
          <Show when={!props.hasChildren}>
            <button
              type="button"
              class="button button--danger-outline"
              disabled={busy()}
              aria-expanded={confirming()}
              onClick={() => {
                setConfirming(true);
                queueMicrotask(() => confirmButton?.focus());
              }}
            >
              {t("admin.themes.delete")}
              <span class="visually-hidden"> {name()}</span>
            </button>
          </Show>
        </div>
        <Show when={confirming()}>
          <div class="theme-row__confirm notice notice--error">
            <p>{t("admin.themes.deleteConfirm", { name: name() })}</p>
            <div class="admin-actions">
              <button
                type="button"
                class="button button--danger"
                ref={confirmButton}
                disabled={busy()}
                onClick={() =>
                  void run(() => deleteTheme(props.theme.id), { key: "admin.themes.deleted", params: { name: name() } })
                }
              >
                {t("admin.themes.deleteYes")}
              </button>
              <button type="button" class="button" onClick={() => setConfirming(false)}>
                {t("admin.common.cancel")}
              </button>
            </div>
          </div>
        </Show>
        <Show when={error()}>
          {(note) => (
            <p class="theme-row__confirm field__error" role="alert">
              {message(note())}
            </p>
          )}
        </Show>
      </div>
    </Show>
  );
}
