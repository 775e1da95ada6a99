import { A, useNavigate } from "@solidjs/router";
import type { Chart } from "chart.js";
import { createEffect, createSignal, createUniqueId, For, type JSX, onCleanup, Show } from "solid-js";
import { useI18n } from "../i18n/context.tsx";

export interface ChartSeries {
  label: string;
  color: string;
}

export interface ChartRow {
  label: string;
  /** One value per series, as drawn (money in millions of đồng, counts as they are). */
  values: number[];
  /** The cells of the table view, one per series, as the page formats them. */
  cells: string[];
  /** The filtered task list the row stands for. */
  href: string;
}

/*
 * A bar chart with its table view. The chart library is imported when the first chart is drawn,
 * so it stays out of every other page's bundle. The table holds the same figures, each a link to
 * the tasks it counts; it is what prints and what a screen reader reads.
 */
export function ChartFigure(props: {
  title: string;
  series: ChartSeries[];
  rows: ChartRow[];
  categoryHeader: string;
  horizontal?: boolean;
  actions?: JSX.Element;
  /** Link text for a row's first cell (e.g. "List 3 tasks: In progress"); the label when absent. */
  linkLabel?: (row: ChartRow) => string;
  footer?: JSX.Element;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const headingId = createUniqueId();
  const tableId = createUniqueId();
  const [asTable, setAsTable] = createSignal(false);
  const [drawing, setDrawing] = createSignal(true);
  let canvas: HTMLCanvasElement | undefined;
  let chart: Chart | undefined;

  createEffect(() => {
    const rows = props.rows;
    const series = props.series;
    if (!canvas || rows.length === 0) return;
    const target = canvas;
    let cancelled = false;
    onCleanup(() => {
      cancelled = true;
    });
    void import("./bar-chart.ts").then(({ drawBarChart }) => {
      if (cancelled) return;
      chart?.destroy();
      chart = drawBarChart(target, {
        labels: rows.map((r) => r.label),
        series: series.map((s, i) => ({ ...s, data: rows.map((r) => r.values[i] ?? 0) })),
        horizontal: props.horizontal ?? false,
        onSelect: (index) => {
          const row = rows[index];
          if (row) navigate(row.href);
        },
      });
      setDrawing(false);
    });
  });
  onCleanup(() => chart?.destroy());

  const height = () => Math.max(180, (props.horizontal ? props.rows.length * 28 : 0) + 80);

  return (
    <section class="card section chart-figure" aria-labelledby={headingId}>
      <div class="section__head">
        <h2 id={headingId} class="section__title">
          {props.title}
        </h2>
        <div class="chart-figure__tools no-print">
          <button
            type="button"
            class="button button--small"
            aria-pressed={asTable()}
            aria-controls={tableId}
            onClick={() => setAsTable(!asTable())}
          >
            {asTable() ? t("dashboard.charts.showChart") : t("dashboard.charts.showTable")}
          </button>
          {props.actions}
        </div>
      </div>
      <Show when={props.rows.length > 0} fallback={<p class="muted">{t("dashboard.charts.none")}</p>}>
        <div class="chart-figure__chart" classList={{ "is-hidden": asTable() }} style={{ height: `${height()}px` }}>
          <Show when={drawing()}>
            <p class="muted chart-figure__loading">{t("dashboard.charts.chartLoading")}</p>
          </Show>
          <canvas ref={canvas} role="img" aria-label={t("dashboard.charts.chartLabel", { title: props.title })} />
        </div>
        <div id={tableId} class="table-wrap chart-figure__table" classList={{ "is-hidden": !asTable() }}>
          <table>
            <caption class="visually-hidden">{props.title}</caption>
            <thead>
              <tr>
                <th scope="col">{props.categoryHeader}</th>
                <For each={props.series}>{(s) => <th scope="col">{s.label}</th>}</For>
              </tr>
            </thead>
            <tbody>
              <For each={props.rows}>
                {(row) => (
                  <tr>
                    <th scope="row">
                      <A href={row.href} aria-label={props.linkLabel?.(row)}>
                        {row.label}
                      </A>
                    </th>
                    <For each={row.cells}>{(cell) => <td class="num">{cell}</td>}</For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        {props.footer}
      </Show>
    </section>
  );
}
