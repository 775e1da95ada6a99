export const SIGN_IN_PATH = "/dang-nhap";
export const HOME_PATH = "/nhiem-vu";

/**
 * Where to go after signing in. Only paths inside this app are accepted, so a crafted
 * `?next=https://…` or `?next=//host` link cannot send the user elsewhere.
 */
export function safeNextPath(next: string | undefined): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return HOME_PATH;
  if (next === SIGN_IN_PATH || next.startsWith(`${SIGN_IN_PATH}?`) || next === "/") return HOME_PATH;
  return next;
}

export function signInHref(next: string | undefined): string {
  const target = next ? safeNextPath(next) : HOME_PATH;
  return target === HOME_PATH ? SIGN_IN_PATH : `${SIGN_IN_PATH}?next=${encodeURIComponent(target)}`;
}
