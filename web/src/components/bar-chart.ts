import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartEvent,
  Legend,
  LinearScale,
  Tooltip,
} from "chart.js";

/* Only the parts of Chart.js a bar chart needs, so the dashboard's chunk stays small. */
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface BarChartInput {
  labels: string[];
  series: { label: string; color: string; data: number[] }[];
  horizontal: boolean;
  /** A bar was chosen (clicked or tapped): the index of its category. */
  onSelect: (index: number) => void;
}

export function drawBarChart(canvas: HTMLCanvasElement, input: BarChartInput): Chart<"bar"> {
  return new Chart(canvas, {
    type: "bar",
    data: {
      labels: input.labels,
      datasets: input.series.map((s) => ({ label: s.label, data: s.data, backgroundColor: s.color })),
    },
    options: {
      indexAxis: input.horizontal ? "y" : "x",
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: input.series.length > 1 } },
      scales: { [input.horizontal ? "x" : "y"]: { beginAtZero: true, ticks: { precision: 0 } } },
      onClick: (_event: ChartEvent, elements) => {
        const first = elements[0];
        if (first) input.onSelect(first.index);
      },
      onHover: (event: ChartEvent, elements) => {
        const target = event.native?.target;
        if (target instanceof HTMLElement) target.style.cursor = elements.length ? "pointer" : "default";
      },
    },
  });
}
