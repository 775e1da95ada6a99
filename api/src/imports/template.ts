import type { SheetColumn, SheetSpec } from "../spreadsheets/write.ts";
import { COLUMN_HEADERS } from "./columns.ts";

/*
 * The sample register a user downloads from the import page: the columns the import reads, with
 * the headers it expects, and rows showing how to write kinds, stages, dates and amounts. The
 * tests build their registers with it too, so the sample is always one the import accepts.
 */

export interface RegisterRow {
  code: string;
  title: string;
  kind: string;
  field: string;
  host: string;
  pi: string;
  themes?: string;
  startDate?: string | null;
  endDate?: string | null;
  stage: string;
  /** In triệu đồng, as the sheet's amount columns are. */
  total: number | string;
  /** Budget by year in triệu đồng: state money, and counterpart money. */
  years?: Record<number, number | string>;
  counterpart?: Record<number, number | string>;
}

export function registerSheet(rows: readonly RegisterRow[], years: readonly number[], counterpartYears: number[] = []) {
  const columns: SheetColumn[] = [
    { key: "code", header: COLUMN_HEADERS.code, kind: "text", width: 14 },
    { key: "title", header: COLUMN_HEADERS.title, kind: "text", width: 48 },
    { key: "kind", header: COLUMN_HEADERS.kind, kind: "text", width: 16 },
    { key: "field", header: COLUMN_HEADERS.field, kind: "text", width: 22 },
    { key: "host", header: COLUMN_HEADERS.host, kind: "text", width: 30 },
    { key: "pi", header: COLUMN_HEADERS.pi, kind: "text", width: 24 },
    { key: "themes", header: COLUMN_HEADERS.themes, kind: "text", width: 18 },
    { key: "startDate", header: COLUMN_HEADERS.startDate, kind: "date" },
    { key: "endDate", header: COLUMN_HEADERS.endDate, kind: "date" },
    { key: "stage", header: COLUMN_HEADERS.stage, kind: "text", width: 18 },
    { key: "total", header: `${COLUMN_HEADERS.totalBudget} (triệu đồng)`, kind: "number", width: 16 },
    ...years.map(
      (year): SheetColumn => ({ key: `y${year}`, header: `Kinh phí năm ${year} (triệu đồng)`, kind: "number" }),
    ),
    ...counterpartYears.map(
      (year): SheetColumn => ({ key: `o${year}`, header: `Đối ứng năm ${year} (triệu đồng)`, kind: "number" }),
    ),
  ];
  const sheet: SheetSpec = {
    name: "Danh mục nhiệm vụ",
    columns,
    rows: rows.map((r) => ({
      code: r.code,
      title: r.title,
      kind: r.kind,
      field: r.field,
      host: r.host,
      pi: r.pi,
      themes: r.themes ?? null,
      startDate: r.startDate ?? null,
      endDate: r.endDate ?? null,
      stage: r.stage,
      total: r.total,
      ...Object.fromEntries(years.map((y) => [`y${y}`, r.years?.[y] ?? null])),
      ...Object.fromEntries(counterpartYears.map((y) => [`o${y}`, r.counterpart?.[y] ?? null])),
    })),
  };
  return sheet;
}

/** Two example tasks: one running with budget by year and counterpart money, one proposed. */
export function sampleRegister(themeCode: string | null): SheetSpec {
  return registerSheet(
    [
      {
        code: "ĐT.2025.01",
        title: "Chọn tạo giống lúa chất lượng cao chịu mặn cho vùng ven biển",
        kind: "Đề tài",
        field: "Khoa học nông nghiệp",
        host: "Viện Cây lương thực và Cây thực phẩm",
        pi: "TS. Nguyễn Văn An",
        themes: themeCode ?? "",
        startDate: "2025-01-01",
        endDate: "2026-12-31",
        stage: "Đang thực hiện",
        total: 1250.5,
        years: { 2025: 600, 2026: 450.5 },
        counterpart: { 2026: 200 },
      },
      {
        code: "DA.2026.01",
        title: "Sản xuất thử nghiệm giống cá hồng Mỹ thương phẩm",
        kind: "Dự án SXTN",
        field: "Nông nghiệp",
        host: "Công ty TNHH Thủy sản Kim Sơn",
        pi: "ThS. Trần Thị Bình",
        themes: themeCode ?? "",
        stage: "Đề xuất",
        total: 0,
      },
    ],
    [2025, 2026],
    [2026],
  );
}
