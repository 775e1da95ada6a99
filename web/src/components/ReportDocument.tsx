import { For, type JSX, Show } from "solid-js";
import { fileHref } from "../api/client.ts";
import type { ReportDocument, ReportSection, ReportVersion } from "../api/reports.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { Section } from "./Section.tsx";

/** A submitted report, read-only; `extra` adds something under each section (a reviewer's comment box). */
export function ReportDocumentView(props: {
  report: ReportDocument;
  version?: ReportVersion | undefined;
  extra?: (section: ReportSection) => JSX.Element;
}) {
  const { t, locale } = useI18n();
  const format = useFormat();
  const text = (value: string) =>
    value.trim() ? <p class="prose">{value}</p> : <p class="muted">{t("reports.form.empty")}</p>;
  const lineName = (line: { nameVi: string; nameEn: string }) => (locale() === "vi" ? line.nameVi : line.nameEn);

  return (
    <div class="report-doc">
      <Show when={props.extra}>
        {(extra) => <Section title={t("reports.section.general")}>{extra()("general")}</Section>}
      </Show>
      <Section title={t("reports.section.contentItems")}>
        <Show
          when={props.report.contentItems.length > 0}
          fallback={<p class="muted">{t("reports.form.noContentItems")}</p>}
        >
          <div class="rep-table-wrap">
            <table class="rep-table">
              <thead>
                <tr>
                  <th scope="col">{t("reports.progress.item")}</th>
                  <th scope="col">{t("reports.form.workDone")}</th>
                  <th scope="col">{t("reports.form.percent")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={props.report.contentItems}>
                  {(item) => (
                    <tr>
                      <th scope="row" data-label={t("reports.progress.item")}>
                        {item.title}
                      </th>
                      <td data-label={t("reports.form.workDone")} class="prose">
                        {item.workDone || "—"}
                      </td>
                      <td data-label={t("reports.form.percent")}>
                        {item.percentComplete}%
                        <Show when={item.previousPercent !== null}>
                          <span class="muted">
                            {" "}
                            ({t("reports.form.previousPercent", { value: String(item.previousPercent) })})
                          </span>
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
        {props.extra?.("contentItems")}
      </Section>
      <Section title={t("reports.section.products")}>
        <Show when={props.report.products.length > 0} fallback={<p class="muted">{t("reports.form.noProducts")}</p>}>
          <div class="rep-table-wrap">
            <table class="rep-table">
              <thead>
                <tr>
                  <th scope="col">{t("reports.progress.product")}</th>
                  <th scope="col">{t("reports.form.status")}</th>
                  <th scope="col">{t("reports.progress.quantity")}</th>
                  <th scope="col">{t("reports.form.note")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={props.report.products}>
                  {(p) => (
                    <tr>
                      <th scope="row" data-label={t("reports.progress.product")}>
                        {p.name}
                      </th>
                      <td data-label={t("reports.form.status")}>{t(`reports.productStatus.${p.status}`)}</td>
                      <td data-label={t("reports.progress.quantity")}>
                        {t("reports.progress.quantityOf", {
                          achieved: p.quantityAchieved ?? "0",
                          contracted: p.contractedQuantity,
                          unit: p.unit,
                        })}
                      </td>
                      <td data-label={t("reports.form.note")}>{p.note || "—"}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
        {props.extra?.("products")}
      </Section>
      <Section title={t("reports.section.spending")}>
        <div class="rep-table-wrap">
          <table class="rep-table">
            <thead>
              <tr>
                <th scope="col">{t("reports.form.category")}</th>
                <th scope="col">{t("reports.form.source")}</th>
                <th scope="col" class="rep-num">
                  {t("reports.form.spentBefore")}
                </th>
                <th scope="col" class="rep-num">
                  {t("reports.form.thisPeriodShort")}
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={props.report.budget.lines}>
                {(line) => (
                  <tr>
                    <th scope="row" data-label={t("reports.form.category")}>
                      {lineName(line)}
                    </th>
                    <td data-label={t("reports.form.source")}>{t(`reports.source.${line.source}`)}</td>
                    <td data-label={t("reports.form.spentBefore")} class="rep-num">
                      {format.money(line.spentBefore)}
                    </td>
                    <td data-label={t("reports.form.thisPeriodShort")} class="rep-num">
                      {format.money(line.amount)}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <SpendingTotals report={props.report} />
        {props.extra?.("spending")}
      </Section>
      <Section title={t("reports.section.problems")}>
        {text(props.report.problems)}
        {props.extra?.("problems")}
      </Section>
      <Section title={t("reports.section.proposals")}>
        <h3 class="subheading">{t("reports.form.extension")}</h3>
        {text(props.report.proposals.extension)}
        <h3 class="subheading">{t("reports.form.adjustment")}</h3>
        {text(props.report.proposals.adjustment)}
        <h3 class="subheading">{t("reports.form.staffChange")}</h3>
        {text(props.report.proposals.staffChange)}
        {props.extra?.("proposals")}
      </Section>
      <Show when={props.version}>
        {(version) => (
          <Section title={t("reports.section.hostConfirmation")}>
            <dl class="facts facts--stacked">
              <div>
                <dt>{t("reports.field.confirmedBy")}</dt>
                <dd>{version().hostConfirmation.confirmedBy}</dd>
              </div>
              <div>
                <dt>{t("reports.field.position")}</dt>
                <dd>{version().hostConfirmation.position ?? t("common.notSet")}</dd>
              </div>
              <div>
                <dt>{t("reports.field.confirmedOn")}</dt>
                <dd>{format.date(version().hostConfirmation.confirmedOn)}</dd>
              </div>
              <Show when={version().hostConfirmation.file}>
                {(file) => (
                  <div>
                    <dt>{t("reports.field.file")}</dt>
                    <dd>
                      <a href={fileHref(file().id)}>{file().name}</a>
                    </dd>
                  </div>
                )}
              </Show>
            </dl>
            {props.extra?.("hostConfirmation")}
          </Section>
        )}
      </Show>
    </div>
  );
}

export function SpendingTotals(props: { report: ReportDocument }) {
  const { t } = useI18n();
  const format = useFormat();
  return (
    <dl class="facts spending-totals">
      <div>
        <dt>{t("reports.form.totalThisPeriod")}</dt>
        <dd>{format.money(props.report.budget.thisPeriod.total)}</dd>
      </div>
      <div>
        <dt>{t("reports.form.totalToDate")}</dt>
        <dd>{format.money(props.report.budget.toDate.total)}</dd>
      </div>
      <div>
        <dt>{t("reports.form.totalBudget")}</dt>
        <dd>{format.money(props.report.budget.totalBudget)}</dd>
      </div>
    </dl>
  );
}
