import type { ProvinceKey } from "./organisations.ts";

/*
 * The people who sign the demo's official documents, and the reasons written on the steps that
 * need one. Names are invented, like those in people.ts; any likeness to a real official is chance.
 */

/** The demo head account (head@demo.khcn.vn) is the director of the merged Department. */
export const DEPARTMENT_DIRECTOR = "Trần Quang Vinh";

/** Who issued a document: one of the three provinces before 1/7/2025, the merged province after. */
export type Authority = ProvinceKey | "merged";

export interface AuthoritySigners {
  /** The province as written in a summary, e.g. "tỉnh Nam Định". */
  province: string;
  /** People's Committee decisions: signed by the vice-chair in charge of S&T, for the chair. */
  committee: string;
  department: string;
  /** The S&T information centre that issues registration certificates. */
  informationCentre: string;
  /** Whether the People's Committee itself approves each task (otherwise the Department does, by delegation). */
  committeeApproves: boolean;
}

export const AUTHORITIES: Record<Authority, AuthoritySigners> = {
  nam_dinh: {
    province: "tỉnh Nam Định",
    committee: "KT. Chủ tịch, Phó Chủ tịch UBND tỉnh Đoàn Minh Khang",
    department: "Giám đốc Sở Vũ Hải Đăng",
    informationCentre: "Giám đốc Trung tâm Thông tin KH&CN Phạm Thị Thanh Huyền",
    committeeApproves: true,
  },
  ha_nam: {
    province: "tỉnh Hà Nam",
    committee: "KT. Chủ tịch, Phó Chủ tịch UBND tỉnh Lương Thế Hiển",
    department: "Giám đốc Sở Lê Thị Bích Ngọc",
    informationCentre: "Giám đốc Trung tâm Thông tin KH&CN Trần Đức Mạnh",
    committeeApproves: false,
  },
  ninh_binh: {
    province: "tỉnh Ninh Bình",
    committee: "KT. Chủ tịch, Phó Chủ tịch UBND tỉnh Mai Xuân Trường",
    department: `Giám đốc Sở ${DEPARTMENT_DIRECTOR}`,
    informationCentre: "Giám đốc Trung tâm Thông tin KH&CN Nguyễn Thị Kim Oanh",
    committeeApproves: true,
  },
  merged: {
    province: "tỉnh Ninh Bình",
    committee: "KT. Chủ tịch, Phó Chủ tịch UBND tỉnh Vũ Đình Khải",
    department: `Giám đốc Sở ${DEPARTMENT_DIRECTOR}`,
    informationCentre: "Giám đốc Trung tâm Thông tin KH&CN Nguyễn Thị Kim Oanh",
    // Law 93/2025 and the merged province's delegation: the Department approves its own tasks.
    committeeApproves: false,
  },
};

/** The account that owns the steps recorded from the paper files of the three former departments. */
export const PAPER_RECORDS_ACCOUNT = {
  email: "ho-so-giay@khcn.invalid",
  fullName: "Dữ liệu chuyển từ hồ sơ giấy",
  /** Not a hash any password can match: the account cannot sign in, and it is inactive besides. */
  passwordHash: "!",
} as const;

export const PROPOSAL_REJECTIONS: readonly string[] = [
  "Hội đồng tư vấn xác định nhiệm vụ không đề nghị đặt hàng: nội dung trùng lặp với nhiệm vụ cấp bộ đang thực hiện trên địa bàn.",
  "Hội đồng tư vấn xác định nhiệm vụ không đề nghị đặt hàng: mục tiêu và sản phẩm chưa rõ, chưa có địa chỉ ứng dụng và cam kết sử dụng kết quả.",
  "Hội đồng tư vấn xác định nhiệm vụ không đề nghị đặt hàng: nội dung thuộc nhiệm vụ chuyên môn thường xuyên của cơ quan đề xuất.",
];

export const SELECTION_REJECTIONS: readonly string[] = [
  "Hết hạn tuyển chọn lần thứ hai không có hồ sơ đạt yêu cầu (điểm trung bình dưới 70/100); Sở đề nghị dừng thực hiện nhiệm vụ.",
  "Không có tổ chức đăng ký chủ trì sau hai lần thông báo tuyển chọn; nhu cầu của đơn vị đặt hàng đã được đáp ứng từ nguồn khác.",
];

export const TERMINATION_REASONS: readonly string[] = [
  "Chủ nhiệm nhiệm vụ chuyển công tác ra ngoài tỉnh, tổ chức chủ trì không đề xuất được người thay thế đủ điều kiện; đoàn kiểm tra định kỳ đề nghị chấm dứt hợp đồng.",
  "Tổ chức chủ trì không bố trí được kinh phí đối ứng như đã cam kết, không thể triển khai các nội dung còn lại của hợp đồng.",
  "Nhiệm vụ chậm tiến độ trên 12 tháng, không còn khả năng hoàn thành mục tiêu trong thời gian hợp đồng; đoàn kiểm tra định kỳ đề nghị dừng thực hiện.",
  "Tổ chức chủ trì vi phạm hợp đồng: hai kỳ liên tiếp không nộp báo cáo định kỳ, sử dụng kinh phí không đúng nội dung theo kết luận kiểm tra.",
  "Hướng nghiên cứu không còn phù hợp: tỉnh đã triển khai nền tảng dùng chung có chức năng tương đương, sản phẩm của nhiệm vụ không còn địa chỉ ứng dụng.",
];

/** Only for steps taken while the pandemic stopped field work (2021–2022). */
export const PANDEMIC_TERMINATION =
  "Dịch COVID-19 kéo dài, không tổ chức được thí nghiệm và điều tra thực địa theo kế hoạch; tổ chức chủ trì đề nghị và hội đồng tư vấn thống nhất chấm dứt hợp đồng.";

/** Only for livestock and aquaculture tasks. */
export const HERD_LOSS_TERMINATION =
  "Dịch bệnh làm chết phần lớn đàn giống thí nghiệm, không còn đủ quy mô để hoàn thành mục tiêu; đoàn kiểm tra định kỳ đề nghị chấm dứt hợp đồng.";
