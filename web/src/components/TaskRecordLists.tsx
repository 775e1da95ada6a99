import type { TaskDetail } from "@khcn/api/tasks/schemas";
import { For, Show } from "solid-js";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import "../progress.css";
import { Section } from "./Section.tsx";

/** The quantity as the reader writes decimals ("2,5" in Vietnamese). */
const quantityText = (value: string, locale: "vi" | "en") => (locale === "vi" ? value.replace(".", ",") : value);

/** The record's lists, as the edit form keeps them: content items, products and application sites. */
export function TaskRecordLists(props: { task: TaskDetail }) {
  const { t, locale } = useI18n();
  const format = useFormat();
  const period = (start: string | null, end: string | null) =>
    start || end ? t("common.dateRange", { start: format.date(start), end: format.date(end) }) : null;

  return (
    <>
      <Section title={t("progress.record.contentItems")}>
        <Show
          when={props.task.contentItems.length > 0}
          fallback={<p class="muted">{t("progress.record.noContentItems")}</p>}
        >
          <ol class="record-items">
            <For each={props.task.contentItems}>
              {(item) => (
                <li>
                  <p class="record-items__title">{item.title}</p>
                  <Show when={item.description}>{(d) => <p class="prose">{d()}</p>}</Show>
                  <Show when={period(item.plannedStart, item.plannedEnd)}>
                    {(p) => (
                      <p class="muted">
                        {t("progress.record.plannedPeriod")}: {p()}
                      </p>
                    )}
                  </Show>
                </li>
              )}
            </For>
          </ol>
        </Show>
      </Section>

      <Section title={t("progress.record.products")}>
        <Show when={props.task.products.length > 0} fallback={<p class="muted">{t("progress.record.noProducts")}</p>}>
          <ol class="record-items">
            <For each={props.task.products}>
              {(product) => (
                <li>
                  <p class="record-items__title">{product.name}</p>
                  <dl class="record-items__facts">
                    <div>
                      <dt>{t("progress.record.productClass")}</dt>
                      <dd>{t(`productClass.${product.productClass}`)}</dd>
                    </div>
                    <div>
                      <dt>{t("progress.record.quantity")}</dt>
                      <dd>
                        {quantityText(product.quantity, locale())} {product.unit}
                      </dd>
                    </div>
                    <div>
                      <dt>{t("progress.record.dueOn")}</dt>
                      <dd>{format.date(product.dueOn)}</dd>
                    </div>
                    <Show when={product.specification}>
                      {(spec) => (
                        <div class="record-items__wide">
                          <dt>{t("progress.record.specification")}</dt>
                          <dd class="prose">{spec()}</dd>
                        </div>
                      )}
                    </Show>
                  </dl>
                </li>
              )}
            </For>
          </ol>
        </Show>
      </Section>

      <Section title={t("progress.record.applicationSites")}>
        <Show
          when={props.task.applicationSites.length > 0}
          fallback={<p class="muted">{t("progress.record.noApplicationSites")}</p>}
        >
          <ul class="record-items">
            <For each={props.task.applicationSites}>
              {(site) => (
                <li>
                  <p class="record-items__title">{site.name}</p>
                  <dl class="record-items__facts">
                    <Show when={site.location}>
                      {(l) => (
                        <div>
                          <dt>{t("progress.record.siteLocation")}</dt>
                          <dd>{l()}</dd>
                        </div>
                      )}
                    </Show>
                    <Show when={site.scale}>
                      {(s) => (
                        <div>
                          <dt>{t("progress.record.siteScale")}</dt>
                          <dd>{s()}</dd>
                        </div>
                      )}
                    </Show>
                  </dl>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Section>
    </>
  );
}

/** Who ordered the task and how its host was chosen. */
export function TaskOrdering(props: { task: TaskDetail }) {
  const { t } = useI18n();
  return (
    <Section title={t("progress.record.ordering")}>
      <dl class="facts facts--stacked">
        <div>
          <dt>{t("progress.record.orderingAgency")}</dt>
          <dd>{props.task.orderingAgency ?? t("common.notSet")}</dd>
        </div>
        <div>
          <dt>{t("progress.record.selectionMethod")}</dt>
          <dd>
            {props.task.selectionMethod ? t(`selectionMethod.${props.task.selectionMethod}`) : t("common.notSet")}
          </dd>
        </div>
      </dl>
    </Section>
  );
}
