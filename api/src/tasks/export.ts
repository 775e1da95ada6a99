import { FIELD_VI, KIND_VI, STAGE_VI } from "../spreadsheets/vocabulary.vi.ts";
import type { SheetSpec } from "../spreadsheets/write.ts";
import type { TaskSummary } from "./schemas.ts";

/** The task list as a sheet: one row per task, Vietnamese headers, money and dates as real cells. */
export function taskListSheet(tasks: readonly TaskSummary[]): SheetSpec {
  return {
    name: "Danh sách nhiệm vụ",
    columns: [
      { key: "code", header: "Mã nhiệm vụ", kind: "text", width: 14 },
      { key: "title", header: "Tên nhiệm vụ", kind: "text", width: 60 },
      { key: "kind", header: "Loại nhiệm vụ", kind: "text", width: 16 },
      { key: "field", header: "Lĩnh vực", kind: "text", width: 26 },
      { key: "stage", header: "Giai đoạn", kind: "text", width: 22 },
      { key: "pi", header: "Chủ nhiệm nhiệm vụ", kind: "text", width: 26 },
      { key: "host", header: "Tổ chức chủ trì", kind: "text", width: 32 },
      { key: "formerProvince", header: "Tỉnh cũ", kind: "text", width: 14 },
      { key: "themes", header: "Chủ đề", kind: "text", width: 32 },
      { key: "startDate", header: "Ngày bắt đầu", kind: "date" },
      { key: "endDate", header: "Ngày kết thúc", kind: "date" },
      { key: "totalBudget", header: "Tổng kinh phí (đồng)", kind: "money" },
    ],
    rows: tasks.map((t) => ({
      code: t.code,
      title: t.title,
      kind: KIND_VI[t.kind],
      field: FIELD_VI[t.field],
      stage: STAGE_VI[t.stage],
      pi: t.pi ? [t.pi.title, t.pi.fullName].filter(Boolean).join(" ") : null,
      host: t.host?.name ?? null,
      formerProvince: t.formerProvince?.name ?? null,
      themes: t.themes.map((theme) => theme.nameVi).join("; "),
      startDate: t.startDate,
      endDate: t.endDate,
      totalBudget: t.totalBudget,
    })),
  };
}
