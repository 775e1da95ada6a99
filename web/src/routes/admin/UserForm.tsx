import { createResource, createSignal, For, onMount, Show } from "solid-js";
import { adminErrorMessage, adminFieldErrors } from "../../admin-errors.ts";
import { createUser, type UpdateUserBody, type UserItem, updateUser } from "../../api/admin.ts";
import type { Role } from "../../api/types.ts";
import { loadUnits } from "../../catalog.ts";
import { FormField } from "../../components/FormField.tsx";
import { PersonPicker } from "../../components/PersonPicker.tsx";
import type { UserMessage } from "../../errors.ts";
import type { FieldErrors } from "../../field-errors.ts";
import { useI18n } from "../../i18n/context.tsx";
import type { PersonRef } from "../../task-form-model.ts";

/** Every role, in the order the form offers them. */
export const ROLE_ORDER = ["admin", "staff", "head", "pi", "council"] as const satisfies readonly Role[];

/**
 * Opens an account (without `user`) or changes one: name, roles, unit, linked scientist, and
 * (editing) whether it is active. An administrator cannot take away their own rights here.
 */
export function UserForm(props: {
  user?: UserItem;
  /** The signed-in administrator's id: their own admin role and status stay locked. */
  selfId: number | undefined;
  onSaved: (user: UserItem) => void;
  onCancel: () => void;
}) {
  const { t, message } = useI18n();
  const editing = props.user;
  const isSelf = editing !== undefined && editing.id === props.selfId;
  const [units] = createResource(loadUnits);
  const [fullName, setFullName] = createSignal(editing?.fullName ?? "");
  const [email, setEmail] = createSignal("");
  const [roles, setRoles] = createSignal<readonly Role[]>(editing?.roles ?? []);
  const [unitId, setUnitId] = createSignal(editing?.unit ? String(editing.unit.id) : "");
  const [person, setPerson] = createSignal<PersonRef | null>(
    editing?.personId
      ? { id: editing.personId, fullName: t("admin.users.personRef", { id: String(editing.personId) }), title: null }
      : null,
  );
  const [active, setActive] = createSignal(editing?.active ?? true);
  const [password, setPassword] = createSignal("");
  const [showPassword, setShowPassword] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [formError, setFormError] = createSignal<UserMessage | null>(null);
  let first: HTMLInputElement | undefined;
  let alertBox: HTMLParagraphElement | undefined;
  const headingId = `user-form-${editing?.id ?? "new"}`;
  const passwordId = `${headingId}-password`;

  onMount(() => first?.focus());

  const toggleRole = (role: Role, on: boolean) =>
    setRoles((current) =>
      on ? ROLE_ORDER.filter((r) => r === role || current.includes(r)) : current.filter((r) => r !== role),
    );

  const fail = (fields: FieldErrors, note: UserMessage) => {
    setErrors(fields);
    setFormError(note);
    queueMicrotask(() => alertBox?.focus());
  };

  const changes = (user: UserItem): UpdateUserBody => {
    const body: UpdateUserBody = {};
    if (fullName().trim() !== user.fullName) body.fullName = fullName();
    if (roles().length !== user.roles.length || roles().some((r) => !user.roles.includes(r))) body.roles = [...roles()];
    const unit = unitId() ? Number(unitId()) : null;
    if (unit !== (user.unit?.id ?? null)) body.unitId = unit;
    const personId = person()?.id ?? null;
    if (personId !== user.personId) body.personId = personId;
    if (active() !== user.active) body.active = active();
    return body;
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setErrors({});
    setFormError(null);
    if (roles().length === 0) {
      fail({ roles: { key: "admin.users.rolesRequired" } }, { key: "errors.VALIDATION_FAILED" });
      return;
    }
    setBusy(true);
    try {
      let saved: UserItem;
      if (editing) {
        const body = changes(editing);
        saved = Object.keys(body).length > 0 ? await updateUser(editing.id, body) : editing;
      } else {
        saved = await createUser({
          email: email(),
          fullName: fullName(),
          roles: [...roles()],
          unitId: unitId() ? Number(unitId()) : null,
          personId: person()?.id ?? null,
          password: password(),
        });
      }
      props.onSaved(saved);
    } catch (error) {
      fail(adminFieldErrors(error), adminErrorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="admin-panel form" aria-labelledby={headingId} noValidate onSubmit={submit}>
      <h2 id={headingId}>
        {editing ? t("admin.users.editTitle", { name: editing.fullName }) : t("admin.users.addTitle")}
      </h2>
      <Show when={editing}>
        <p class="notice notice--info">{t("admin.users.signOutNotice")}</p>
      </Show>
      <Show when={formError()}>
        {(error) => (
          <p class="notice notice--error" role="alert" tabIndex={-1} ref={alertBox}>
            {message(error())}
          </p>
        )}
      </Show>
      <div class="admin-grid">
        <FormField
          label={t("admin.users.fullName")}
          required
          error={errors().fullName}
          control={(attrs) => (
            <input
              ref={first}
              id={attrs.id}
              class="field__control"
              autocomplete="off"
              required
              maxLength={200}
              aria-invalid={attrs.invalid}
              aria-describedby={attrs.describedBy}
              value={fullName()}
              onInput={(e) => setFullName(e.currentTarget.value)}
            />
          )}
        />
        <Show when={!editing}>
          <FormField
            label={t("admin.users.email")}
            required
            error={errors().email}
            control={(attrs) => (
              <input
                id={attrs.id}
                class="field__control"
                type="email"
                autocomplete="off"
                required
                maxLength={254}
                aria-invalid={attrs.invalid}
                aria-describedby={attrs.describedBy}
                value={email()}
                onInput={(e) => setEmail(e.currentTarget.value)}
              />
            )}
          />
        </Show>
        <div class="field field--wide" classList={{ "field--invalid": !!errors().roles }}>
          <fieldset
            class="role-boxes"
            aria-describedby={
              [errors().roles ? `${headingId}-roles-error` : "", isSelf ? `${headingId}-self` : ""]
                .filter(Boolean)
                .join(" ") || undefined
            }
          >
            <legend class="field__label">
              {t("admin.users.roles")}
              <span class="field__required" aria-hidden="true">
                {" *"}
              </span>
            </legend>
            <For each={ROLE_ORDER}>
              {(role) => (
                <label class="checkbox">
                  <input
                    type="checkbox"
                    checked={roles().includes(role)}
                    disabled={isSelf && role === "admin"}
                    onChange={(e) => toggleRole(role, e.currentTarget.checked)}
                  />
                  {t(`role.${role}`)}
                </label>
              )}
            </For>
          </fieldset>
          <Show when={errors().roles}>
            {(error) => (
              <p id={`${headingId}-roles-error`} class="field__error">
                {message(error())}
              </p>
            )}
          </Show>
          <Show when={isSelf}>
            <p id={`${headingId}-self`} class="field__hint">
              {t("admin.users.selfNotice")}
            </p>
          </Show>
        </div>
        <FormField
          label={t("admin.users.unit")}
          error={errors().unitId}
          control={(attrs) => (
            <select
              id={attrs.id}
              class="field__control"
              aria-invalid={attrs.invalid}
              aria-describedby={attrs.describedBy}
              onChange={(e) => setUnitId(e.currentTarget.value)}
            >
              <option value="" selected={unitId() === ""}>
                {t("admin.users.unitNone")}
              </option>
              <For each={units() ?? []}>
                {(unit) => (
                  <option value={String(unit.id)} selected={String(unit.id) === unitId()}>
                    {unit.name}
                  </option>
                )}
              </For>
            </select>
          )}
        />
        <FormField
          label={t("admin.users.person")}
          hint={t("admin.users.personHint")}
          error={errors().personId}
          control={(attrs) => (
            <PersonPicker
              attrs={attrs}
              label={t("admin.users.personPickerLabel")}
              value={person()}
              onChange={setPerson}
            />
          )}
        />
        <Show when={!editing}>
          <FormField
            label={t("admin.users.password")}
            required
            hint={t("admin.users.passwordHint")}
            error={errors().password}
            control={(attrs) => (
              <div class="password-row">
                <input
                  id={attrs.id}
                  class="field__control"
                  type={showPassword() ? "text" : "password"}
                  autocomplete="new-password"
                  required
                  minLength={8}
                  maxLength={128}
                  aria-invalid={attrs.invalid}
                  aria-describedby={attrs.describedBy}
                  value={password()}
                  onInput={(e) => setPassword(e.currentTarget.value)}
                />
                <button
                  type="button"
                  class="button"
                  aria-controls={attrs.id}
                  aria-pressed={showPassword()}
                  id={passwordId}
                  onClick={() => setShowPassword((on) => !on)}
                >
                  {t("admin.users.showPassword")}
                </button>
              </div>
            )}
          />
        </Show>
        <Show when={editing}>
          <div class="field">
            <span class="field__label">{t("admin.users.active")}</span>
            <label class="checkbox">
              <input
                type="checkbox"
                checked={active()}
                disabled={isSelf}
                onChange={(e) => setActive(e.currentTarget.checked)}
              />
              {t("admin.users.activeLabel")}
            </label>
          </div>
        </Show>
      </div>
      <div class="admin-actions">
        <button type="submit" class="button button--primary" disabled={busy()}>
          {busy() ? t("admin.common.saving") : editing ? t("admin.common.save") : t("admin.users.add")}
        </button>
        <button type="button" class="button" onClick={() => props.onCancel()}>
          {t("admin.common.cancel")}
        </button>
      </div>
    </form>
  );
}
