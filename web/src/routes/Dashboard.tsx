import { A } from "@solidjs/router";
import { createResource, For, type JSX, Match, Show, Switch } from "solid-js";
import { type DashboardTable, dashboardExportHref, type Dashboard as Figures, getDashboard } from "../api/dashboard.ts";
import { ChartFigure, type ChartRow } from "../components/ChartFigure.tsx";
import { MoneyUnitToggle } from "../components/MoneyUnitToggle.tsx";
import { ErrorNotice, Loading } from "../components/Status.tsx";
import { describeError } from "../errors.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { usePageTitle } from "../page-title.ts";
import { HOME_PATH } from "../sign-in-redirect.ts";
import { filterSearch } from "../task-list-url.ts";
import "../dashboard.css";

type Filter = Figures["total"]["filter"];
const listHref = (filter: Filter) => `${HOME_PATH}${filterSearch(filter)}`;

const COUNT_COLOR = "#0b4f8a";
const MONEY_SERIES = [
  { key: "plan", color: "#8a95a5" },
  { key: "allocated", color: "#0b4f8a" },
  { key: "advanced", color: "#f0a500" },
  { key: "settled", color: "#2e7d32" },
] as const;

/** The head's view of the portfolio: money, what is late, what waits, what falls due; every figure opens its tasks. */
export function Dashboard() {
  const { t, plural, message, locale } = useI18n();
  const format = useFormat();
  usePageTitle(() => t("dashboard.title"));
  const [data, { refetch }] = createResource(getDashboard);
  const latest = () => (data.state === "ready" || data.state === "refreshing" ? data.latest : undefined);

  // Several tables have these links: each names its table (read out, hidden on screen).
  const exports = (table: DashboardTable, name: string) => (
    <span class="export-links">
      <a class="button button--small" href={dashboardExportHref(table, "xlsx")} download="">
        {t("dashboard.export.xlsx")}
        <span class="visually-hidden">: {name}</span>
      </a>
      <a class="button button--small" href={dashboardExportHref(table, "csv")} download="">
        {t("dashboard.export.csv")}
        <span class="visually-hidden">: {name}</span>
      </a>
    </span>
  );

  const countRows = (items: { name: string; count: number; filter: Filter }[]): ChartRow[] =>
    items.map((item) => ({
      label: item.name,
      values: [item.count],
      cells: [format.number(item.count)],
      href: listHref(item.filter),
    }));
  const countChart = (title: string, table: DashboardTable, rows: ChartRow[], horizontal = true) => (
    <ChartFigure
      title={title}
      categoryHeader={t("dashboard.charts.category")}
      series={[{ label: t("dashboard.charts.count"), color: COUNT_COLOR }]}
      rows={rows}
      horizontal={horizontal}
      actions={exports(table, title)}
      linkLabel={(row) => t("dashboard.charts.openList", { count: row.cells[0] ?? "", name: row.label })}
    />
  );

  const figure = (props: { count: number; label: string; filter: Filter; detail?: string; tone?: "alert" }) => (
    <li class="figure" classList={{ "figure--alert": props.tone === "alert" && props.count > 0 }}>
      <A href={listHref(props.filter)} class="figure__link">
        <span class="figure__count">{format.number(props.count)}</span>
        <span class="figure__label">{props.label}</span>
      </A>
      <Show when={props.detail}>
        <span class="figure__detail">{props.detail}</span>
      </Show>
    </li>
  );

  return (
    <div class="page dashboard">
      <div class="page-head">
        <h1>{t("dashboard.title")}</h1>
        <div class="page-head__tools no-print">
          <MoneyUnitToggle />
          <button type="button" class="button" onClick={() => window.print()}>
            {t("dashboard.print")}
          </button>
        </div>
      </div>
      <Switch>
        <Match when={data.error && !data.loading}>
          <ErrorNotice
            title={t("dashboard.loadFailed")}
            message={message(describeError(data.error))}
            onRetry={refetch}
          />
        </Match>
        <Match when={latest()}>
          {(d) => (
            <>
              <p class="muted">{t("dashboard.intro", { date: format.date(d().today) })}</p>
              <section class="card section" aria-labelledby="dash-attention">
                <div class="section__head">
                  <h2 id="dash-attention" class="section__title">
                    {t("dashboard.attention.title")}
                  </h2>
                  <div class="no-print">{exports("attention", t("dashboard.export.attention"))}</div>
                </div>
                <ul class="figures">
                  {figure({ count: d().total.count, label: t("dashboard.total"), filter: d().total.filter })}
                  {figure({
                    count: d().attention.overdueReports.count,
                    label: t("dashboard.attention.overdueReports"),
                    filter: d().attention.overdueReports.filter,
                    detail: plural(
                      "dashboard.attention.overdueReportsDetail",
                      d().attention.overdueReports.reports,
                      format.number(d().attention.overdueReports.reports),
                    ),
                    tone: "alert",
                  })}
                  {figure({
                    count: d().attention.overdueDossiers.count,
                    label: t("dashboard.attention.overdueDossiers"),
                    filter: d().attention.overdueDossiers.filter,
                    tone: "alert",
                  })}
                  {figure({
                    count: d().attention.pendingAdjustments.count,
                    label: t("dashboard.attention.pendingAdjustments"),
                    filter: d().attention.pendingAdjustments.filter,
                    detail: t("dashboard.attention.pendingAdjustmentsDetail", {
                      requests: format.number(d().attention.pendingAdjustments.requests),
                      overdue: format.number(d().attention.pendingAdjustments.overdue),
                    }),
                  })}
                  {figure({
                    count: d().attention.recognitionsWaiting.count,
                    label: t("dashboard.attention.recognitionsWaiting"),
                    filter: d().attention.recognitionsWaiting.filter,
                  })}
                </ul>
              </section>

              <section class="card section" aria-labelledby="dash-deadlines">
                <div class="section__head">
                  <h2 id="dash-deadlines" class="section__title">
                    {t("dashboard.deadlines.title")}
                  </h2>
                  <div class="no-print">{exports("deadlines", t("dashboard.export.deadlines"))}</div>
                </div>
                <ul class="figures">
                  <For each={d().deadlines}>
                    {(w) => (
                      <li class="figure">
                        <A href={listHref(w.filter)} class="figure__link">
                          <span class="figure__count">{format.number(w.count)}</span>
                          <span class="figure__label">{t("dashboard.deadlines.window", { days: String(w.days) })}</span>
                        </A>
                        <ul class="figure__kinds">
                          <For each={w.byKind.filter((k) => k.count > 0)}>
                            {(k) => (
                              <li>
                                <A href={listHref(k.filter)}>
                                  {t(`dashboard.deadlines.kind.${k.kind}`)}: {format.number(k.count)}
                                </A>
                              </li>
                            )}
                          </For>
                        </ul>
                      </li>
                    )}
                  </For>
                </ul>
              </section>

              <ChartFigure
                title={t("dashboard.charts.money")}
                categoryHeader={t("dashboard.money.year")}
                series={MONEY_SERIES.map((s) => ({ label: t(`dashboard.money.${s.key}`), color: s.color }))}
                rows={d().money.map((m) => ({
                  label: String(m.year),
                  // Drawn in millions of đồng; the table holds the exact amounts.
                  values: MONEY_SERIES.map((s) => Number(m[s.key]) / 1_000_000),
                  cells: MONEY_SERIES.map((s) => format.money(m[s.key])),
                  href: listHref(m.filter),
                }))}
                horizontal={false}
                actions={exports("money", t("dashboard.charts.money"))}
                footer={
                  <>
                    <p class="muted chart-figure__note">{t("dashboard.money.chartUnit")}</p>
                    <MoneyTotals
                      labels={[
                        t("dashboard.money.total"),
                        t("dashboard.money.outstandingAdvance"),
                        t("dashboard.money.recovered"),
                      ]}
                      values={[
                        MONEY_SERIES.map(
                          (s) => `${t(`dashboard.money.${s.key}`)}: ${format.money(d().moneyTotals[s.key])}`,
                        ).join(" · "),
                        format.money(d().moneyTotals.outstandingAdvance),
                        format.money(d().moneyTotals.recovered),
                      ]}
                    />
                  </>
                }
              />

              <div class="chart-grid">
                {countChart(
                  t("dashboard.charts.stages"),
                  "stages",
                  countRows(
                    d()
                      .stages.filter((s) => s.count > 0)
                      .map((s) => ({ name: t(`stage.${s.stage}`), count: s.count, filter: s.filter })),
                  ),
                )}
                {countChart(
                  t("dashboard.charts.themes"),
                  "themes",
                  countRows(
                    d().themes.map((th) => ({
                      name: locale() === "en" ? th.nameEn : th.nameVi,
                      count: th.count,
                      filter: th.filter,
                    })),
                  ),
                )}
                {countChart(
                  t("dashboard.charts.fields"),
                  "fields",
                  countRows(
                    d()
                      .fields.filter((f) => f.count > 0)
                      .map((f) => ({ name: t(`field.${f.field}`), count: f.count, filter: f.filter })),
                  ),
                )}
                {countChart(
                  t("dashboard.charts.hosts"),
                  "hosts",
                  countRows(d().hosts.map((h) => ({ name: h.shortName ?? h.name, count: h.count, filter: h.filter }))),
                )}
                {countChart(t("dashboard.charts.formerProvinces"), "formerProvinces", countRows(d().formerProvinces))}
              </div>
            </>
          )}
        </Match>
        <Match when={true}>
          <Loading />
        </Match>
      </Switch>
    </div>
  );
}

function MoneyTotals(props: { labels: string[]; values: string[] }): JSX.Element {
  return (
    <dl class="money-totals">
      <For each={props.labels}>
        {(label, i) => (
          <div>
            <dt>{label}</dt>
            <dd>{props.values[i()]}</dd>
          </div>
        )}
      </For>
    </dl>
  );
}
