import { createUniqueId } from "solid-js";
import { useI18n } from "../i18n/context.tsx";

/** A section that a later version fills in, clearly marked as not there yet. */
export function PlaceholderSection(props: { title: string; description: string }) {
  const { t } = useI18n();
  const headingId = createUniqueId();
  return (
    <section class="card placeholder" aria-labelledby={headingId}>
      <h3 id={headingId} class="placeholder__title">
        {props.title}
        <span class="tag">{t("taskDetail.upcoming.badge")}</span>
      </h3>
      <p>{props.description}</p>
      <p class="placeholder__notice">{t("taskDetail.upcoming.notice")}</p>
    </section>
  );
}
