import { Navigate, useSearchParams } from "@solidjs/router";
import { createSignal, createUniqueId, Match, Show, Switch } from "solid-js";
import { retryAfterSeconds } from "../account-errors.ts";
import { ApiError } from "../api/client.ts";
import { Loading } from "../components/Status.tsx";
import { describeError, type UserMessage } from "../errors.ts";
import { useI18n } from "../i18n/context.tsx";
import { usePageTitle } from "../page-title.ts";
import { useSession } from "../session.tsx";
import { safeNextPath } from "../sign-in-redirect.ts";
import { useThrottleText } from "../throttle-message.ts";

type Field = "email" | "password";
type FieldErrors = Partial<Record<Field, UserMessage>>;

/** Deliberately loose: the server has the last word; this only catches obvious slips early. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function SignIn() {
  const { t, message } = useI18n();
  const throttleText = useThrottleText();
  const session = useSession();
  const [searchParams] = useSearchParams();
  usePageTitle(() => t("signIn.title"));

  const ids = { email: createUniqueId(), password: createUniqueId() };
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [showPassword, setShowPassword] = createSignal(false);
  const [fieldErrors, setFieldErrors] = createSignal<FieldErrors>({});
  const [formError, setFormError] = createSignal<UserMessage | null>(null);
  /** Set when sign-in is throttled (429): the seconds to wait, or null when the server gave none. */
  const [throttled, setThrottled] = createSignal<{ seconds: number | null } | null>(null);
  const [busy, setBusy] = createSignal(false);
  const inputs: Partial<Record<Field, HTMLInputElement>> = {};

  const next = () => safeNextPath(typeof searchParams.next === "string" ? searchParams.next : undefined);

  const validate = (): FieldErrors => {
    const errors: FieldErrors = {};
    const value = email().trim();
    if (!value) errors.email = { key: "errors.emailRequired" };
    else if (!EMAIL_SHAPE.test(value)) errors.email = { key: "errors.emailInvalid" };
    if (!password()) errors.password = { key: "errors.passwordRequired" };
    return errors;
  };

  const focusFirstInvalid = (errors: FieldErrors) => {
    const first = (["email", "password"] as const).find((field) => errors[field]);
    if (first) inputs[first]?.focus();
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    const errors = validate();
    setFieldErrors(errors);
    setFormError(null);
    setThrottled(null);
    if (Object.keys(errors).length > 0) {
      focusFirstInvalid(errors);
      return;
    }
    setBusy(true);
    try {
      // On success the session changes and the <Navigate> below takes the user on.
      await session.signIn({ email: email().trim(), password: password() });
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) {
        // Throttled: nothing the person typed is wrong as such, so no field is marked.
        setThrottled({ seconds: retryAfterSeconds(error) });
        return;
      }
      setFormError(describeError(error));
      if (error instanceof ApiError && error.code === "VALIDATION_FAILED") {
        const fromServer: FieldErrors = {};
        for (const field of ["email", "password"] as const) {
          const text = error.fields[field];
          if (text) fromServer[field] = { text };
        }
        setFieldErrors(fromServer);
        focusFirstInvalid(fromServer);
      } else if (error instanceof ApiError && error.code === "INVALID_CREDENTIALS") {
        inputs.password?.select();
        inputs.password?.focus();
      }
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: Field) => fieldErrors()[field];
  const errorId = (field: Field) => `${ids[field]}-error`;

  return (
    <Switch>
      <Match when={session.user()}>
        <Navigate href={next()} />
      </Match>
      <Match when={session.checking()}>
        <Loading />
      </Match>
      <Match when={true}>
        <div class="page page--auth">
          <div class="card auth-card">
            <h1>{t("signIn.title")}</h1>
            <p class="muted">{t("signIn.intro")}</p>
            <Show when={session.ended() === "expired"}>
              <p class="notice notice--info">{t("signIn.sessionExpired")}</p>
            </Show>
            <div role="alert" class="alert-slot">
              <Show when={formError()}>{(error) => <p class="notice notice--error">{message(error())}</p>}</Show>
              <Show when={throttled()}>
                {(wait) => <p class="notice notice--error">{throttleText(wait().seconds, "signIn")}</p>}
              </Show>
            </div>
            <form class="form" noValidate onSubmit={submit}>
              <div class="field">
                <label for={ids.email} class="field__label">
                  {t("signIn.email")}
                </label>
                <input
                  ref={(el) => {
                    inputs.email = el;
                  }}
                  id={ids.email}
                  name="email"
                  type="email"
                  class="field__control"
                  autocomplete="username"
                  inputmode="email"
                  autocapitalize="none"
                  spellcheck={false}
                  required
                  aria-invalid={fieldError("email") ? true : undefined}
                  aria-describedby={fieldError("email") ? errorId("email") : undefined}
                  value={email()}
                  onInput={(e) => setEmail(e.currentTarget.value)}
                />
                <Show when={fieldError("email")}>
                  {(error) => (
                    <p id={errorId("email")} class="field__error">
                      {message(error())}
                    </p>
                  )}
                </Show>
              </div>
              <div class="field">
                <label for={ids.password} class="field__label">
                  {t("signIn.password")}
                </label>
                <input
                  ref={(el) => {
                    inputs.password = el;
                  }}
                  id={ids.password}
                  name="password"
                  type={showPassword() ? "text" : "password"}
                  class="field__control"
                  autocomplete="current-password"
                  autocapitalize="none"
                  spellcheck={false}
                  required
                  aria-invalid={fieldError("password") ? true : undefined}
                  aria-describedby={fieldError("password") ? errorId("password") : undefined}
                  value={password()}
                  onInput={(e) => setPassword(e.currentTarget.value)}
                />
                <Show when={fieldError("password")}>
                  {(error) => (
                    <p id={errorId("password")} class="field__error">
                      {message(error())}
                    </p>
                  )}
                </Show>
                <label class="checkbox">
                  <input
                    type="checkbox"
                    checked={showPassword()}
                    onChange={(e) => setShowPassword(e.currentTarget.checked)}
                  />
                  <span>{t("signIn.showPassword")}</span>
                </label>
              </div>
              <button type="submit" class="button button--primary button--block" disabled={busy()} aria-busy={busy()}>
                {busy() ? t("signIn.submitting") : t("signIn.submit")}
              </button>
            </form>
          </div>
        </div>
      </Match>
    </Switch>
  );
}
