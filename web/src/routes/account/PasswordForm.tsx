import { createSignal, createUniqueId, Show } from "solid-js";
import { accountErrorMessage, accountFieldErrors, retryAfterSeconds } from "../../account-errors.ts";
import { changePassword } from "../../api/account.ts";
import { ApiError } from "../../api/client.ts";
import { PasswordInput } from "../../components/PasswordInput.tsx";
import type { UserMessage } from "../../errors.ts";
import type { FieldErrors } from "../../field-errors.ts";
import { useI18n } from "../../i18n/context.tsx";
import { newPasswordErrors } from "../../new-password.ts";
import { useThrottleText } from "../../throttle-message.ts";

type Field = "currentPassword" | "newPassword" | "repeatPassword";
const FIELDS: readonly Field[] = ["currentPassword", "newPassword", "repeatPassword"];

/**
 * Changing one's password: the current one, the new one twice (compared here, before sending).
 * Length and the common-password list are the server's to judge; its reasons are shown at the field.
 * On success the server ends every other session and re-issues this one, so the page stays signed in.
 */
export function PasswordForm(props: { email: string; onChanged: () => void }) {
  const { t, message } = useI18n();
  const throttleText = useThrottleText();
  const headingId = createUniqueId();
  const [values, setValues] = createSignal<Record<Field, string>>({
    currentPassword: "",
    newPassword: "",
    repeatPassword: "",
  });
  const [show, setShow] = createSignal(false);
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [formError, setFormError] = createSignal<UserMessage | null>(null);
  const [done, setDone] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const inputs: Partial<Record<Field, HTMLInputElement>> = {};

  const set = (field: Field, value: string) => setValues((v) => ({ ...v, [field]: value }));

  const validate = (): FieldErrors => {
    const v = values();
    const result = newPasswordErrors(v.newPassword, v.repeatPassword);
    if (!v.currentPassword) result.currentPassword = { key: "errors.passwordRequired" };
    return result;
  };

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
      await changePassword({ currentPassword: values().currentPassword, newPassword: values().newPassword });
      setValues({ currentPassword: "", newPassword: "", repeatPassword: "" });
      setDone(true);
      props.onChanged();
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) {
        // Too many wrong current passwords: nothing to mark, only how long to wait.
        fail({}, { text: throttleText(retryAfterSeconds(error), "account") });
        return;
      }
      fail(accountFieldErrors(error), accountErrorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const input = (field: Field, label: string, autocomplete: "current-password" | "new-password", hint?: string) => (
    <PasswordInput
      name={field}
      label={label}
      hint={hint}
      error={errors()[field]}
      autocomplete={autocomplete}
      value={values()[field]}
      visible={show()}
      onInput={(value) => set(field, value)}
      ref={(el) => {
        inputs[field] = el;
      }}
    />
  );

  return (
    <section class="card section" aria-labelledby={headingId}>
      <div class="section__head">
        <h2 id={headingId} class="section__title">
          {t("account.password.heading")}
        </h2>
      </div>
      <form class="form" aria-labelledby={headingId} noValidate onSubmit={submit}>
        <p class="muted">{t("account.password.note")}</p>
        {/* Lets a password manager file the new password under the right account. */}
        <input type="email" name="username" autocomplete="username" value={props.email} hidden readOnly />
        <div role="status" class="alert-slot">
          <Show when={done()}>
            <p class="notice notice--success">{t("account.password.done")}</p>
          </Show>
        </div>
        <div role="alert" class="alert-slot">
          <Show when={formError()}>{(error) => <p class="notice notice--error">{message(error())}</p>}</Show>
        </div>
        {input("currentPassword", t("account.currentPassword"), "current-password")}
        {input("newPassword", t("account.password.new"), "new-password", t("account.password.hint"))}
        {input("repeatPassword", t("account.password.repeat"), "new-password")}
        <label class="checkbox">
          <input type="checkbox" checked={show()} onChange={(e) => setShow(e.currentTarget.checked)} />
          <span>{t("account.showPasswords")}</span>
        </label>
        <div>
          <button type="submit" class="button button--primary" disabled={busy()} aria-busy={busy()}>
            {busy() ? t("account.password.saving") : t("account.password.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
