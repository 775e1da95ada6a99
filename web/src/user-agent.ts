/*
 * A session's device told in a few words ("Chrome on Windows") from its User-Agent header.
 * Deliberately simple: a handful of families people here use (Cốc Cốc among them), checked in an
 * order where the more specific token wins (Edge and Cốc Cốc also say "Chrome", Chrome also says
 * "Safari"). Anything unrecognised is left to the caller to call "unknown".
 */

export interface DeviceSummary {
  browser: string | null;
  os: string | null;
}

const BROWSERS: readonly [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, "Edge"],
  [/\bOPR\/|\bOpera\b/, "Opera"],
  [/\bcoc_coc_browser\//i, "Cốc Cốc"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\bZalo\b/i, "Zalo"],
  [/\b(Firefox|FxiOS)\//, "Firefox"],
  [/\b(HeadlessChrome|Chrome|CriOS|Chromium)\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
];

const SYSTEMS: readonly [RegExp, string][] = [
  [/\b(iPhone|iPad|iPod)\b/, "iOS"],
  [/\bAndroid\b/, "Android"],
  [/\bWindows\b/, "Windows"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b|\bX11\b/, "Linux"],
];

function firstMatch(table: readonly [RegExp, string][], text: string): string | null {
  for (const [pattern, name] of table) if (pattern.test(text)) return name;
  return null;
}

/** The browser and operating system named by a User-Agent header; null parts are unknown. */
export function summariseUserAgent(userAgent: string | null | undefined): DeviceSummary {
  const text = userAgent ?? "";
  return { browser: firstMatch(BROWSERS, text), os: firstMatch(SYSTEMS, text) };
}
