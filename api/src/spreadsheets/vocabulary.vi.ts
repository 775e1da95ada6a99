import type { Stage, TaskField, TaskKind } from "@khcn/db/schema";

/*
 * The Vietnamese names of the vocabulary, for files the server writes (spreadsheets). The web has
 * its own catalogue (web/src/i18n/vi.ts); these repeat its wording because the API cannot import
 * the web.
 */

export const STAGE_VI = {
  proposed: "Đề xuất",
  identified: "Xác định nhiệm vụ",
  selection: "Tuyển chọn/Giao trực tiếp",
  budget_appraisal: "Thẩm định kinh phí",
  approved: "Phê duyệt",
  in_progress: "Đang thực hiện",
  acceptance: "Nghiệm thu",
  recognition: "Hoàn thiện & công nhận",
  registration: "Đăng ký kết quả",
  settlement: "Quyết toán & thanh lý",
  closed: "Đã kết thúc",
  rejected: "Không được chọn",
  terminated: "Chấm dứt",
  failed: "Không đạt",
} satisfies Record<Stage, string>;

export const KIND_VI = {
  de_tai: "Đề tài",
  du_an_sxtn: "Dự án SXTN",
  de_an: "Đề án",
  nhiem_vu_dmst: "Nhiệm vụ KH,CN&ĐMST",
} satisfies Record<TaskKind, string>;

export const FIELD_VI = {
  natural: "Khoa học tự nhiên",
  engineering: "Khoa học kỹ thuật và công nghệ",
  medical: "Khoa học y, dược",
  agricultural: "Khoa học nông nghiệp",
  social: "Khoa học xã hội",
  humanities: "Khoa học nhân văn",
} satisfies Record<TaskField, string>;
