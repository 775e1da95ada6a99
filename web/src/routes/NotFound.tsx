import { A } from "@solidjs/router";
import { useI18n } from "../i18n/context.tsx";
import { usePageTitle } from "../page-title.ts";
import { HOME_PATH } from "../sign-in-redirect.ts";

export function NotFound() {
  const { t } = useI18n();
  usePageTitle(() => t("notFound.title"));
  return (
    <div class="page page--narrow">
      <div class="card status-page">
        <h1>{t("notFound.title")}</h1>
        <p>{t("notFound.body")}</p>
        <p>
          <A href={HOME_PATH} class="button button--primary">
            {t("notFound.home")}
          </A>
        </p>
      </div>
    </div>
  );
}
