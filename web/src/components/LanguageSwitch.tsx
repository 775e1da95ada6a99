import { For } from "solid-js";
import { LOCALES, useI18n } from "../i18n/context.tsx";

/** Tiếng Việt / English, each named in its own language; the choice is remembered. */
export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <fieldset class="segmented lang-switch">
      <legend class="visually-hidden">{t("language.label")}</legend>
      <For each={LOCALES}>
        {(option) => (
          <button
            type="button"
            lang={option}
            aria-pressed={locale() === option}
            class="segmented__option"
            onClick={() => setLocale(option)}
          >
            {t(`language.${option}`)}
          </button>
        )}
      </For>
    </fieldset>
  );
}
