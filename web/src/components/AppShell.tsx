import { type RouteSectionProps, useLocation } from "@solidjs/router";
import { createEffect, on } from "solid-js";
import { useI18n } from "../i18n/context.tsx";
import { Header } from "./Header.tsx";

/** The frame of every page: skip link, header, the main landmark and a footer. */
export function AppShell(props: RouteSectionProps) {
  const { t } = useI18n();
  const location = useLocation();
  let main: HTMLElement | undefined;

  // After moving to another page, start reading (and tabbing) from the new page's content.
  createEffect(
    on(
      () => location.pathname,
      () => main?.focus(),
      { defer: true },
    ),
  );

  const skipToMain = (event: MouseEvent) => {
    event.preventDefault();
    main?.focus();
    main?.scrollIntoView();
  };

  return (
    <>
      {/* biome-ignore lint/a11y/useValidAnchor: an in-page link; the router's pushState would not move focus, so the handler does */}
      <a class="skip-link" href="#main" onClick={skipToMain}>
        {t("app.skipToContent")}
      </a>
      <Header />
      <main id="main" ref={main} tabIndex={-1} class="app-main">
        {props.children}
      </main>
      <footer class="app-footer">
        <p>
          {t("app.owner")} · {t("app.name")}
        </p>
      </footer>
    </>
  );
}
