import { waitDuration } from "./account-errors.ts";
import { useI18n } from "./i18n/context.tsx";

/** Where the wait is explained: the sign-in page, or a form asking for the current password. */
export type ThrottledAt = "signIn" | "account";

/**
 * "Quá nhiều lần đăng nhập sai. Thử lại sau 2 phút.": the words for a throttled request (429),
 * in the current language each time it is called; without a figure from the server, "a while".
 */
export function useThrottleText(): (seconds: number | null, at: ThrottledAt) => string {
  const { t, plural } = useI18n();
  return (seconds, at) => {
    if (seconds === null) return t(at === "signIn" ? "signIn.tooManyAttemptsLater" : "account.tooManyAttemptsLater");
    const { unit, count } = waitDuration(seconds);
    const wait = plural(`account.wait.${unit}`, count, String(count));
    return t(at === "signIn" ? "signIn.tooManyAttempts" : "account.tooManyAttempts", { wait });
  };
}
