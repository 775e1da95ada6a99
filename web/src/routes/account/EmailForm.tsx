import type { SessionUser } from "@khcn/api/auth/schemas";
import { createSignal, createUniqueId, Show } from "solid-js";
import { accountErrorMessage, accountFieldErrors, retryAfterSeconds } from "../../account-errors.ts";
import { changeEmail } from "../../api/account.ts";
import { ApiError } from "../../api/client.ts";
import { FormField } from "../../components/FormField.tsx";
import { PasswordInput } from "../../components/PasswordInput.tsx";
import type { UserMessage } from "../../errors.ts";
import type { FieldErrors } from "../../field-errors.ts";
import { useI18n } from "../../i18n/context.tsx";
import { useThrottleText } from "../../throttle-message.ts";

type Field = "newEmail" | "currentPassword";

/** Deliberately loose, as on the sign-in page: the server has the last word. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Changing the sign-in e-mail, which asks for the current password like a password change does. */
export function EmailForm(props: { email: string; onChanged: (user: SessionUser) => void }) {
  const { t, message } = useI18n();
  const throttleText = useThrottleText();
  const headingId = createUniqueId();
  const [newEmail, setNewEmail] = createSignal("");
  const [currentPassword, setCurrentPassword] = createSignal("");
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [formError, setFormError] = createSignal<UserMessage | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const inputs: Partial<Record<Field, HTMLInputElement>> = {};

  const validate = (): FieldErrors => {
    const result: FieldErrors = {};
    const email = newEmail().trim();
    if (!email) result.newEmail = { key: "errors.emailRequired" };
    else if (!EMAIL_SHAPE.test(email)) result.newEmail = { key: "errors.emailInvalid" };
    else if (email.toLowerCase() === props.email.toLowerCase()) result.newEmail = { key: "account.email.same" };
    if (!currentPassword()) result.currentPassword = { key: "errors.passwordRequired" };
    return result;
  };

  const fail = (fields: FieldErrors, note: UserMessage) => {
    setErrors(fields);
    setFormError(note);
    const first = (["newEmail", "currentPassword"] as const).find((f) => fields[f]);
    if (first) queueMicrotask(() => inputs[first]?.focus());
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setDone(null);
    setFormError(null);
    const local = validate();
    if (Object.keys(local).length > 0) {
      fail(local, { key: "errors.VALIDATION_FAILED" });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const user = await changeEmail({ currentPassword: currentPassword(), newEmail: newEmail().trim() });
      setNewEmail("");
      setCurrentPassword("");
      setDone(user.email);
      props.onChanged(user);
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

  return (
    <section class="card section" aria-labelledby={headingId}>
      <div class="section__head">
        <h2 id={headingId} class="section__title">
          {t("account.email.heading")}
        </h2>
      </div>
      <form class="form" aria-labelledby={headingId} noValidate onSubmit={submit}>
        <div role="status" class="alert-slot">
          <Show when={done()}>
            {(email) => <p class="notice notice--success">{t("account.email.done", { email: email() })}</p>}
          </Show>
        </div>
        <div role="alert" class="alert-slot">
          <Show when={formError()}>{(error) => <p class="notice notice--error">{message(error())}</p>}</Show>
        </div>
        <FormField
          label={t("account.email.new")}
          required
          error={errors().newEmail}
          control={(attrs) => (
            <input
              ref={(el) => {
                inputs.newEmail = el;
              }}
              id={attrs.id}
              name="newEmail"
              class="field__control"
              type="email"
              inputmode="email"
              autocomplete="email"
              autocapitalize="none"
              spellcheck={false}
              required
              maxLength={254}
              aria-invalid={attrs.invalid}
              aria-describedby={attrs.describedBy}
              value={newEmail()}
              onInput={(e) => setNewEmail(e.currentTarget.value)}
            />
          )}
        />
        <PasswordInput
          name="currentPassword"
          label={t("account.currentPassword")}
          error={errors().currentPassword}
          autocomplete="current-password"
          value={currentPassword()}
          onInput={setCurrentPassword}
          ref={(el) => {
            inputs.currentPassword = el;
          }}
        />
        <div>
          <button type="submit" class="button button--primary" disabled={busy()} aria-busy={busy()}>
            {busy() ? t("account.email.saving") : t("account.email.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
