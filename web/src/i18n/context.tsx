import * as i18n from "@solid-primitives/i18n";
import { type Accessor, createContext, createMemo, createSignal, type ParentProps, useContext } from "solid-js";
import type { UserMessage } from "../errors.ts";
import type { Locale } from "../format.ts";
import { readStored, writeStored } from "../storage.ts";
import { en } from "./en.ts";
import { type Dictionary, vi } from "./vi.ts";

export type Messages = i18n.Flatten<Dictionary>;
export type MessageKey = keyof Messages;
/** Keys of single messages (leaves), as opposed to the namespaces that group them. */
export type TextKey = { [K in MessageKey]: Messages[K] extends string ? K : never }[MessageKey];
/** Catalogue entries that have `one` / `other` plural forms. */
export type PluralKey = {
  [K in MessageKey]: K extends string ? (`${K}.one` extends MessageKey ? K : never) : never;
}[MessageKey];

export const LOCALES: readonly Locale[] = ["vi", "en"];
const DEFAULT_LOCALE: Locale = "vi";
const STORAGE_KEY = "khcn.locale";

const catalogues: Record<Locale, Messages> = { vi: i18n.flatten(vi), en: i18n.flatten(en) };
const INTL_PLURAL_LOCALE: Record<Locale, string> = { vi: "vi-VN", en: "en-GB" };

function isLocale(value: unknown): value is Locale {
  return value === "vi" || value === "en";
}

export interface I18n {
  locale: Accessor<Locale>;
  setLocale(locale: Locale): void;
  t: i18n.Translator<Messages>;
  /** The plural form of `key` for `count`; `formatted` is the count as the reader sees it. */
  plural(key: PluralKey, count: number, formatted: string): string;
  /** The text of a user message: translated from the catalogue, or the server's words as they are. */
  message(message: UserMessage): string;
}

const I18nContext = createContext<I18n>();

export function I18nProvider(props: ParentProps) {
  const stored = readStored(STORAGE_KEY);
  const [locale, setLocaleSignal] = createSignal<Locale>(isLocale(stored) ? stored : DEFAULT_LOCALE);
  document.documentElement.lang = locale();

  const messages = createMemo(() => catalogues[locale()]);
  const t = i18n.translator(messages, i18n.resolveTemplate);
  const pluralRules = createMemo(() => new Intl.PluralRules(INTL_PLURAL_LOCALE[locale()]));

  const value: I18n = {
    locale,
    setLocale(next) {
      setLocaleSignal(next);
      writeStored(STORAGE_KEY, next);
      document.documentElement.lang = next;
    },
    t,
    plural(key, count, formatted) {
      const form = pluralRules().select(count) === "one" ? "one" : "other";
      const template = messages()[`${key}.${form}` as MessageKey];
      return typeof template === "string" ? i18n.resolveTemplate(template, { count: formatted }) : formatted;
    },
    message: (message) => ("key" in message ? t(message.key, message.params) : message.text),
  };

  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error("useI18n must be used inside <I18nProvider>");
  return context;
}
