export const SIGN_IN_PATH = "/dang-nhap";
export const HOME_PATH = "/nhiem-vu";
/** The work list ("Việc cần làm"): where a person lands after signing in. */
export const LANDING_PATH = "/viec-can-lam";
/** The head's dashboard. */
export const DASHBOARD_PATH = "/tong-quan";

/**
 * Where to go after signing in (the work list unless a page was asked for). Only paths inside this app are accepted, so a crafted
 * `?next=https://…` or `?next=//host` link cannot send the user elsewhere.
 */
export function safeNextPath(next: string | undefined): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return LANDING_PATH;
  if (next === SIGN_IN_PATH || next.startsWith(`${SIGN_IN_PATH}?`) || next === "/") return LANDING_PATH;
  return next;
}

export function signInHref(next: string | undefined): string {
  const target = next ? safeNextPath(next) : LANDING_PATH;
  return target === LANDING_PATH ? SIGN_IN_PATH : `${SIGN_IN_PATH}?next=${encodeURIComponent(target)}`;
}
