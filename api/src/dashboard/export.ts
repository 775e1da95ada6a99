import { FIELD_VI, STAGE_VI } from "../spreadsheets/vocabulary.vi.ts";
import type { SheetSpec } from "../spreadsheets/write.ts";
import type { Dashboard, DashboardTable } from "./schemas.ts";

const DEADLINE_KIND_VI = {
  report: "Báo cáo định kỳ đến hạn",
  contract_end: "Hợp đồng kết thúc",
  dossier: "Hạn nộp hồ sơ nghiệm thu",
  adjustment: "Hạn quyết định điều chỉnh",
} as const;

const countColumn = { key: "count", header: "Số nhiệm vụ", kind: "integer" as const };

/** One table of the dashboard as a sheet, with the figures exactly as the dashboard shows them. */
export function dashboardSheet(dashboard: Dashboard, table: DashboardTable): SheetSpec {
  switch (table) {
    case "stages":
      return {
        name: "Theo giai đoạn",
        columns: [{ key: "name", header: "Giai đoạn", kind: "text", width: 28 }, countColumn],
        rows: dashboard.stages.map((s) => ({ name: STAGE_VI[s.stage], count: s.count })),
      };
    case "themes":
      return {
        name: "Theo chủ đề",
        columns: [
          { key: "code", header: "Mã chủ đề", kind: "text", width: 14 },
          { key: "name", header: "Chủ đề", kind: "text", width: 40 },
          countColumn,
        ],
        rows: dashboard.themes.map((t) => ({ code: t.code, name: t.nameVi, count: t.count })),
      };
    case "fields":
      return {
        name: "Theo lĩnh vực",
        columns: [{ key: "name", header: "Lĩnh vực", kind: "text", width: 32 }, countColumn],
        rows: dashboard.fields.map((f) => ({ name: FIELD_VI[f.field], count: f.count })),
      };
    case "hosts":
      return {
        name: "Theo tổ chức chủ trì",
        columns: [{ key: "name", header: "Tổ chức chủ trì", kind: "text", width: 44 }, countColumn],
        rows: dashboard.hosts.map((h) => ({ name: h.name, count: h.count })),
      };
    case "formerProvinces":
      return {
        name: "Theo tỉnh cũ",
        columns: [{ key: "name", header: "Tỉnh cũ", kind: "text", width: 24 }, countColumn],
        rows: dashboard.formerProvinces.map((p) => ({ name: p.name, count: p.count })),
      };
    case "money":
      return {
        name: "Kinh phí theo năm",
        columns: [
          { key: "year", header: "Năm ngân sách", kind: "integer", width: 14 },
          { key: "plan", header: "Kế hoạch được duyệt (đồng)", kind: "money", width: 22 },
          { key: "allocated", header: "Dự toán đã giao (đồng)", kind: "money", width: 22 },
          { key: "advanced", header: "Đã tạm ứng (đồng)", kind: "money", width: 22 },
          { key: "settled", header: "Đã quyết toán (đồng)", kind: "money", width: 22 },
          { key: "recovered", header: "Đã thu hồi (đồng)", kind: "money", width: 22 },
          { key: "outstandingAdvance", header: "Tạm ứng chưa quyết toán (đồng)", kind: "money", width: 26 },
        ],
        // The year column holds the totals row's label as text.
        rows: [...dashboard.money, { ...dashboard.moneyTotals, year: "Tổng cộng" }],
      };
    case "attention":
      return {
        name: "Việc chậm và chờ quyết định",
        columns: [{ key: "name", header: "Nội dung", kind: "text", width: 44 }, countColumn],
        rows: [
          { name: "Nhiệm vụ có báo cáo định kỳ quá hạn", count: dashboard.attention.overdueReports.count },
          { name: "Nhiệm vụ quá hạn nộp hồ sơ nghiệm thu", count: dashboard.attention.overdueDossiers.count },
          {
            name: "Nhiệm vụ có đề nghị điều chỉnh chờ quyết định",
            count: dashboard.attention.pendingAdjustments.count,
          },
          { name: "Nhiệm vụ chờ công nhận kết quả", count: dashboard.attention.recognitionsWaiting.count },
        ],
      };
    case "deadlines":
      return {
        name: "Hạn sắp tới",
        columns: [
          { key: "days", header: "Trong số ngày tới", kind: "integer", width: 16 },
          { key: "kind", header: "Loại hạn", kind: "text", width: 32 },
          countColumn,
        ],
        rows: dashboard.deadlines.flatMap((d) => [
          { days: d.days, kind: "Tất cả", count: d.count },
          ...d.byKind.map((k) => ({ days: d.days, kind: DEADLINE_KIND_VI[k.kind], count: k.count })),
        ]),
      };
  }
}
