import { createSignal, createUniqueId, Show } from "solid-js";
import { accountErrorMessage, accountFieldErrors } from "../../account-errors.ts";
import { resetUserPassword } from "../../api/account.ts";
import type { UserItem } from "../../api/admin.ts";
import { ApiError } from "../../api/client.ts";
import { PasswordInput } from "../../components/PasswordInput.tsx";
import type { UserMessage } from "../../errors.ts";
import type { FieldErrors } from "../../field-errors.ts";
import { useI18n } from "../../i18n/context.tsx";
import { newPasswordErrors } from "../../new-password.ts";

type Field = "newPassword" | "repeatPassword";
const FIELDS: readonly Field[] = ["newPassword", "repeatPassword"];

/**
 * An administrator sets a new password for a user who forgot theirs (decision 013). The server
 * judges it by the same policy as any password and ends all the user's sessions. The administrator's
 * own password is changed on "Tài khoản của tôi", with the current one.
 */
export function UserPasswordReset(props: { user: UserItem; isSelf: boolean }) {
  const { t, message } = useI18n();
  const headingId = createUniqueId();
  const [values, setValues] = createSignal<Record<Field, string>>({ newPassword: "", repeatPassword: "" });
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [formError, setFormError] = createSignal<UserMessage | null>(null);
  const [done, setDone] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const inputs: Partial<Record<Field, HTMLInputElement>> = {};

  const validate = (): FieldErrors => newPasswordErrors(values().newPassword, values().repeatPassword);

  const fail = (fields: FieldErrors, note: UserMessage) => {
    setErrors(fields);
    setFormError(note);
    const first = FIELDS.find((f) => fields[f]);
    if (first) queueMicrotask(() => inputs[first]?.focus());
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setDone(false);
    setFormError(null);
    const local = validate();
    if (Object.keys(local).length > 0) {
      fail(local, { key: "errors.VALIDATION_FAILED" });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await resetUserPassword(props.user.id, values().newPassword);
      setValues({ newPassword: "", repeatPassword: "" });
      setDone(true);
    } catch (error) {
      if (error instanceof ApiError && error.code === "FORBIDDEN") {
        fail({}, { key: "account.reset.otherUnit" });
        return;
      }
      fail(accountFieldErrors(error), accountErrorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const input = (field: Field, label: string, hint?: string) => (
    <PasswordInput
      name={field}
      label={label}
      hint={hint}
      error={errors()[field]}
      autocomplete="new-password"
      value={values()[field]}
      onInput={(value) => setValues((v) => ({ ...v, [field]: value }))}
      ref={(el) => {
        inputs[field] = el;
      }}
    />
  );

  return (
    <section class="user-password-reset" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("account.reset.heading")}</h3>
      <Show when={!props.isSelf} fallback={<p class="muted">{t("account.reset.self")}</p>}>
        <form class="form" aria-labelledby={headingId} noValidate onSubmit={submit}>
          <p class="muted">{t("account.reset.note")}</p>
          {/* Keeps a password manager from filing this under the administrator's own account. */}
          <input type="text" name="username" autocomplete="off" value={props.user.email} hidden readOnly />
          <div role="status" class="alert-slot">
            <Show when={done()}>
              <p class="notice notice--success">{t("account.reset.done")}</p>
            </Show>
          </div>
          <div role="alert" class="alert-slot">
            <Show when={formError()}>{(error) => <p class="notice notice--error">{message(error())}</p>}</Show>
          </div>
          {input("newPassword", t("account.reset.new"), t("account.password.hint"))}
          {input("repeatPassword", t("account.reset.repeat"))}
          <div>
            <button type="submit" class="button button--primary" disabled={busy()} aria-busy={busy()}>
              {busy() ? t("account.reset.saving") : t("account.reset.submit")}
            </button>
          </div>
        </form>
      </Show>
    </section>
  );
}
