import { createEffect } from "solid-js";
import { useI18n } from "./i18n/context.tsx";

/** Keeps the document title ("Page — product") in step with the page and the language. */
export function usePageTitle(page: () => string | undefined): void {
  const { t } = useI18n();
  createEffect(() => {
    const name = page();
    document.title = name ? t("app.pageTitle", { page: name }) : t("app.name");
  });
}
