import type { TransitionBody } from "@khcn/api/lifecycle/schemas";

export type TaskRecoveryCause = NonNullable<TransitionBody["recovery"]>["cause"];

/** Vietnamese wording of a task's closing steps: the results registration and the money recovered. */
export const closingVi = {
  registration: "Giấy chứng nhận đăng ký kết quả",
  registrationNumber: "Số giấy chứng nhận",
  registrationNumberHint: "Do cơ quan thông tin KH&CN cấp, ví dụ 2026-52-118/ĐKKQ",
  registeredOn: "Ngày cấp",
  recovery: "Thu hồi kinh phí",
  recoveryCause: "Nguyên nhân",
  chooseCause: "— Chọn nguyên nhân —",
  recoveryAmount: "Số tiền thu hồi",
  amountHint: "Nhập theo {{ unit }}, ví dụ {{ example }}.",
  honestHint:
    "Theo Luật 93/2025, nhiệm vụ không đạt dù thực hiện đúng quy định và sử dụng kinh phí trung thực thì không phải thu hồi: nhập 0.",
  cause: {
    honest_failure: "Không đạt dù thực hiện đúng quy định, trung thực",
    non_compliance: "Không tuân thủ quy định",
    misuse_of_funds: "Sử dụng kinh phí sai mục đích",
    unfinished_work: "Không hoàn thành nội dung",
    other: "Nguyên nhân khác",
  } satisfies Record<TaskRecoveryCause, string>,
  overview: "Kết thúc nhiệm vụ",
  noRecovery: "Không thu hồi",
  errors: {
    numberRequired: "Nhập số giấy chứng nhận đăng ký kết quả.",
    registeredOnRequired: "Nhập ngày cấp giấy chứng nhận.",
    registeredOnFuture: "Ngày cấp không thể sau hôm nay.",
    causeRequired: "Chọn nguyên nhân thu hồi.",
    amountRequired: "Nhập số tiền thu hồi (0 nếu không thu hồi).",
    overBudget: "Số tiền thu hồi không được vượt quá kinh phí ngân sách nhà nước của nhiệm vụ ({{ budget }}).",
    honestZero:
      "Theo Luật 93/2025, không thu hồi khi nhiệm vụ không đạt dù thực hiện đúng quy định và trung thực: số tiền phải là 0.",
    amountPositive: "Với nguyên nhân này, hãy nhập số tiền cần thu hồi (lớn hơn 0).",
    registrationMissing: "Cần số và ngày cấp giấy chứng nhận đăng ký kết quả.",
    recoveryMissing: "Cần nguyên nhân và số tiền thu hồi.",
  },
};
