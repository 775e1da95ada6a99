/*
 * Browser preferences in localStorage. Storage can be unavailable (private browsing, blocked
 * cookies, full quota); a preference is then simply not remembered.
 */

export function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Not remembered; the choice still applies to this page.
  }
}
