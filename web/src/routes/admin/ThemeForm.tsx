import { createSignal, For, onMount, Show } from "solid-js";
import { adminErrorMessage, adminFieldErrors } from "../../admin-errors.ts";
import { createTheme, type ThemeItem, updateTheme } from "../../api/admin.ts";
import { FormField } from "../../components/FormField.tsx";
import type { UserMessage } from "../../errors.ts";
import type { FieldErrors } from "../../field-errors.ts";
import { useI18n } from "../../i18n/context.tsx";
import { themeName } from "../../theme-tree.ts";

/**
 * Adds a theme (with `theme` absent) or edits one. The code is fixed once created; the server
 * checks the two-level placement and answers per field, shown beside each control.
 */
export function ThemeForm(props: {
  theme?: ThemeItem;
  /** The parent a new theme starts under (from "Add a sub-theme"). */
  parentId?: number | null;
  themes: readonly ThemeItem[];
  onSaved: (theme: ThemeItem) => void;
  onCancel: () => void;
}) {
  const { t, message, locale } = useI18n();
  const editing = props.theme;
  const [code, setCode] = createSignal("");
  const [nameVi, setNameVi] = createSignal(editing?.nameVi ?? "");
  const [nameEn, setNameEn] = createSignal(editing?.nameEn ?? "");
  const [parentId, setParentId] = createSignal(String(editing?.parentId ?? props.parentId ?? ""));
  const [r57, setR57] = createSignal(editing?.r57Target ?? "");
  const [sortOrder, setSortOrder] = createSignal(editing ? String(editing.sortOrder) : "");
  const [busy, setBusy] = createSignal(false);
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [formError, setFormError] = createSignal<UserMessage | null>(null);
  let first: HTMLInputElement | undefined;
  let alertBox: HTMLParagraphElement | undefined;
  const headingId = `theme-form-${editing?.id ?? "new"}`;

  onMount(() => first?.focus());

  /** Main themes that can take sub-themes: not archived (unless already the parent), never the theme itself. */
  const parents = () =>
    props.themes.filter(
      (item) => item.parentId === null && item.id !== editing?.id && (!item.archived || String(item.id) === parentId()),
    );

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setBusy(true);
    setErrors({});
    setFormError(null);
    const parent = parentId() ? Number(parentId()) : null;
    const target = r57().trim() ? r57().trim() : null;
    const order = sortOrder().trim();
    const orderNumber = order === "" ? undefined : Number(order);
    if (orderNumber !== undefined && !Number.isInteger(orderNumber)) {
      setErrors({ sortOrder: { key: "admin.themes.sortOrderFormat" } });
      setBusy(false);
      return;
    }
    try {
      const saved = editing
        ? await updateTheme(editing.id, {
            nameVi: nameVi(),
            nameEn: nameEn(),
            parentId: parent,
            r57Target: target,
            ...(orderNumber === undefined ? {} : { sortOrder: orderNumber }),
          })
        : await createTheme({
            code: code(),
            nameVi: nameVi(),
            nameEn: nameEn(),
            parentId: parent,
            r57Target: target,
            ...(orderNumber === undefined ? {} : { sortOrder: orderNumber }),
          });
      props.onSaved(saved);
    } catch (error) {
      const fields = adminFieldErrors(error);
      setErrors(fields);
      setFormError(adminErrorMessage(error));
      queueMicrotask(() => alertBox?.focus());
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card admin-panel form" aria-labelledby={headingId} noValidate onSubmit={submit}>
      <h2 id={headingId}>
        {editing ? t("admin.themes.editTitle", { code: editing.code }) : t("admin.themes.addTitle")}
      </h2>
      <Show when={formError()}>
        {(error) => (
          <p class="notice notice--error" role="alert" tabIndex={-1} ref={alertBox}>
            {message(error())}
          </p>
        )}
      </Show>
      <div class="admin-grid">
        <Show when={!editing}>
          <FormField
            label={t("admin.themes.code")}
            required
            hint={t("admin.themes.codeHint")}
            error={errors().code}
            control={(attrs) => (
              <input
                ref={first}
                id={attrs.id}
                class="field__control"
                autocomplete="off"
                required
                maxLength={40}
                aria-invalid={attrs.invalid}
                aria-describedby={attrs.describedBy}
                value={code()}
                onInput={(e) => setCode(e.currentTarget.value.toUpperCase())}
              />
            )}
          />
        </Show>
        <FormField
          label={t("admin.themes.parent")}
          error={errors().parentId}
          control={(attrs) => (
            <select
              id={attrs.id}
              class="field__control"
              aria-invalid={attrs.invalid}
              aria-describedby={attrs.describedBy}
              onChange={(e) => setParentId(e.currentTarget.value)}
            >
              <option value="" selected={parentId() === ""}>
                {t("admin.themes.parentNone")}
              </option>
              <For each={parents()}>
                {(item) => (
                  <option value={String(item.id)} selected={String(item.id) === parentId()}>
                    {item.code} — {themeName(item, locale())}
                  </option>
                )}
              </For>
            </select>
          )}
        />
        <FormField
          label={t("admin.themes.nameVi")}
          required
          error={errors().nameVi}
          control={(attrs) => (
            <input
              ref={(el) => {
                if (editing) first = el;
              }}
              id={attrs.id}
              class="field__control"
              lang="vi"
              required
              maxLength={200}
              aria-invalid={attrs.invalid}
              aria-describedby={attrs.describedBy}
              value={nameVi()}
              onInput={(e) => setNameVi(e.currentTarget.value)}
            />
          )}
        />
        <FormField
          label={t("admin.themes.nameEn")}
          required
          error={errors().nameEn}
          control={(attrs) => (
            <input
              id={attrs.id}
              class="field__control"
              lang="en"
              required
              maxLength={200}
              aria-invalid={attrs.invalid}
              aria-describedby={attrs.describedBy}
              value={nameEn()}
              onInput={(e) => setNameEn(e.currentTarget.value)}
            />
          )}
        />
        <FormField
          label={t("admin.themes.r57Target")}
          hint={t("admin.themes.r57Hint")}
          error={errors().r57Target}
          class="field--wide"
          control={(attrs) => (
            <textarea
              id={attrs.id}
              class="field__control"
              rows={2}
              maxLength={500}
              aria-invalid={attrs.invalid}
              aria-describedby={attrs.describedBy}
              value={r57()}
              onInput={(e) => setR57(e.currentTarget.value)}
            />
          )}
        />
        <FormField
          label={t("admin.themes.sortOrder")}
          hint={t("admin.themes.sortOrderHint")}
          error={errors().sortOrder}
          control={(attrs) => (
            <input
              id={attrs.id}
              class="field__control"
              type="number"
              inputMode="numeric"
              min={0}
              max={1_000_000}
              step={1}
              aria-invalid={attrs.invalid}
              aria-describedby={attrs.describedBy}
              value={sortOrder()}
              onInput={(e) => setSortOrder(e.currentTarget.value)}
            />
          )}
        />
      </div>
      <div class="admin-actions">
        <button type="submit" class="button button--primary" disabled={busy()}>
          {busy() ? t("admin.common.saving") : t("admin.common.save")}
        </button>
        <button type="button" class="button" onClick={() => props.onCancel()}>
          {t("admin.common.cancel")}
        </button>
      </div>
    </form>
  );
}
