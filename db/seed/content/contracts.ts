import type { ProductClass } from "../../src/schema.ts";
import type { ProvinceKey } from "./organisations.ts";

/*
 * What a contract's thuyết minh lists, by the kind of work: content items (in the order they are
 * done), products of classes I–III and application sites. The seed takes a few of each per task.
 * In names, "{tag}" is the task's short tag (e.g. NB2304) and "{place}" the site's locality.
 */

export interface ProductSeed {
  cls: ProductClass;
  name: string;
  specification: string;
  /** Decimal string, as numeric(14,2) stores it. */
  quantity: string;
  unit: string;
  /** When it is due, as a share of the contract (default: at the end). */
  due?: number;
  /** Research tasks (đề tài, đề án) or trial production (dự án SXTN, nhiệm vụ ĐMST) only. */
  only?: "research" | "trial";
}

export interface SiteSeed {
  /** With "{place}" the site is in a district; without, it serves the whole province. */
  name: string;
  scale: string;
  /** Only a coastal district will do (ponds, salt-affected land). */
  coastal?: boolean;
}

export interface ContractTemplate {
  items: readonly string[];
  products: readonly ProductSeed[];
  sites: readonly SiteSeed[];
}

export type TemplateKey =
  | "rice"
  | "cattle"
  | "redDrum"
  | "cordyceps"
  | "digital"
  | "education"
  | "health"
  | "manufacturing"
  | "environment"
  | "farming"
  | "culture"
  | "policy"
  | "generic";

const article = (journal: string, quantity = "2"): ProductSeed => ({
  cls: "III",
  name: `Bài báo khoa học trên ${journal}`,
  specification: "Công bố kết quả nghiên cứu của nhiệm vụ, ghi rõ nguồn kinh phí của tỉnh",
  quantity,
  unit: "bài",
  due: 0.95,
});

const master = (field: string): ProductSeed => ({
  cls: "III",
  name: `Hỗ trợ đào tạo thạc sĩ chuyên ngành ${field}`,
  specification: "Luận văn sử dụng số liệu, kết quả của nhiệm vụ; bảo vệ thành công",
  quantity: "1",
  unit: "người",
});

const FINAL_ITEM = "Tổng kết, đánh giá kết quả và hoàn thiện hồ sơ nghiệm thu";

export const CONTRACT_TEMPLATES: Record<TemplateKey, ContractTemplate> = {
  rice: {
    items: [
      "Thu thập, đánh giá nguồn gen và vật liệu khởi đầu",
      "Lai tạo, chọn lọc các dòng lúa triển vọng",
      "Khảo nghiệm giá trị canh tác và sử dụng (VCU), khảo nghiệm DUS",
      "Xây dựng quy trình kỹ thuật thâm canh",
      "Xây dựng mô hình trình diễn",
      "Tập huấn kỹ thuật, tổ chức hội nghị đầu bờ",
      FINAL_ITEM,
    ],
    products: [
      {
        cls: "I",
        name: "Giống lúa {tag}",
        specification:
          "Năng suất ≥ 6,5 tấn/ha; thời gian sinh trưởng 105–115 ngày vụ mùa; nhiễm nhẹ bạc lá, đạo ôn (cấp 1–3); chất lượng gạo đạt TCVN 11888:2017",
        quantity: "1",
        unit: "giống",
        only: "research",
      },
      {
        cls: "I",
        name: "Hạt giống lúa {tag} cấp siêu nguyên chủng",
        specification: "Đạt QCVN 01-54:2011/BNNPTNT; độ sạch ≥ 99,9%, tỷ lệ nảy mầm ≥ 85%",
        quantity: "1.5",
        unit: "tấn",
        due: 0.8,
        only: "research",
      },
      {
        cls: "I",
        name: "Lúa giống cấp xác nhận",
        specification: "Đạt QCVN 01-54:2011/BNNPTNT; độ sạch ≥ 99%, tỷ lệ nảy mầm ≥ 80%",
        quantity: "50",
        unit: "tấn",
        only: "trial",
      },
      {
        cls: "I",
        name: "Mô hình trình diễn giống lúa {tag}",
        specification: "Năng suất cao hơn giống đối chứng ≥ 10%, hiệu quả kinh tế tăng ≥ 15%",
        quantity: "5",
        unit: "ha",
        due: 0.85,
      },
      {
        cls: "II",
        name: "Quy trình kỹ thuật canh tác giống lúa {tag}",
        specification: "Áp dụng cho vụ xuân và vụ mùa, được Hội đồng khoa học cơ sở thông qua",
        quantity: "1",
        unit: "quy trình",
      },
      {
        cls: "II",
        name: "Quy trình sản xuất hạt giống cấp nguyên chủng và xác nhận",
        specification: "Được Sở Nông nghiệp và Môi trường chấp thuận áp dụng",
        quantity: "1",
        unit: "quy trình",
      },
      article("tạp chí Nông nghiệp và Phát triển nông thôn"),
      master("Khoa học cây trồng"),
      {
        cls: "III",
        name: "Hồ sơ đăng ký bảo hộ giống cây trồng",
        specification: "Được Cục Trồng trọt và Bảo vệ thực vật chấp nhận đơn hợp lệ",
        quantity: "1",
        unit: "bộ hồ sơ",
      },
    ],
    sites: [
      { name: "Hợp tác xã dịch vụ nông nghiệp {place}", scale: "5 ha" },
      { name: "Trại giống cây trồng {place}", scale: "2 ha" },
      { name: "Cánh đồng lớn sản xuất lúa hàng hóa {place}", scale: "20 ha" },
    ],
  },
  cattle: {
    items: [
      "Điều tra, đánh giá thực trạng đàn bò và điều kiện chăn nuôi",
      "Tuyển chọn bò cái nền, chuẩn bị chuồng trại và trang thiết bị",
      "Phối giống bằng thụ tinh nhân tạo, theo dõi sinh trưởng bê lai",
      "Nghiên cứu khẩu phần thức ăn và quy trình nuôi dưỡng, vỗ béo",
      "Xây dựng mô hình chăn nuôi bò thịt hàng hóa",
      "Tập huấn kỹ thuật cho hộ chăn nuôi",
      FINAL_ITEM,
    ],
    products: [
      {
        cls: "I",
        name: "Đàn bê lai hướng thịt",
        specification: "Khối lượng sơ sinh ≥ 30 kg, khối lượng 6 tháng tuổi ≥ 150 kg/con",
        quantity: "120",
        unit: "con",
        due: 0.85,
      },
      {
        cls: "I",
        name: "Bò thịt thương phẩm xuất chuồng",
        specification: "Khối lượng xuất chuồng ≥ 450 kg/con, tỷ lệ thịt xẻ ≥ 55%",
        quantity: "200",
        unit: "con",
        only: "trial",
      },
      {
        cls: "II",
        name: "Quy trình nuôi dưỡng, vỗ béo bò thịt lai",
        specification: "Tăng khối lượng bình quân ≥ 900 g/con/ngày giai đoạn vỗ béo",
        quantity: "1",
        unit: "quy trình",
      },
      {
        cls: "II",
        name: "Quy trình thụ tinh nhân tạo và chăm sóc bò cái sinh sản",
        specification: "Tỷ lệ phối giống có chửa lần đầu ≥ 60%",
        quantity: "1",
        unit: "quy trình",
      },
      {
        cls: "II",
        name: "Công thức khẩu phần thức ăn cho bò thịt",
        specification: "Tận dụng phụ phẩm nông nghiệp tại chỗ, giảm chi phí thức ăn ≥ 10%",
        quantity: "3",
        unit: "công thức",
      },
      article("tạp chí Khoa học kỹ thuật Chăn nuôi"),
      {
        cls: "III",
        name: "Đào tạo kỹ thuật viên thụ tinh nhân tạo bò",
        specification: "Được cấp chứng chỉ, thực hành thành thạo",
        quantity: "20",
        unit: "người",
      },
      master("Chăn nuôi"),
    ],
    sites: [
      { name: "Trang trại chăn nuôi bò thịt {place}", scale: "200 con bò" },
      { name: "Hợp tác xã chăn nuôi {place}", scale: "50 hộ, 300 con bò" },
      { name: "Nhóm hộ chăn nuôi bò sinh sản {place}", scale: "30 con bò cái nền" },
    ],
  },
  redDrum: {
    items: [
      "Tuyển chọn và nuôi vỗ cá bố mẹ",
      "Kích thích sinh sản nhân tạo và ấp trứng",
      "Ương nuôi ấu trùng, cá bột lên cá giống",
      "Nuôi thương phẩm và quản lý môi trường ao nuôi",
      "Theo dõi, phòng và trị bệnh trên cá nuôi",
      "Xây dựng mô hình và tập huấn chuyển giao",
      FINAL_ITEM,
    ],
    products: [
      {
        cls: "I",
        name: "Cá hồng Mỹ giống cỡ 3–5 cm",
        specification: "Khỏe mạnh, không dị hình, sạch bệnh; tỷ lệ sống giai đoạn ương ≥ 15%",
        quantity: "200000",
        unit: "con",
        due: 0.8,
      },
      {
        cls: "I",
        name: "Cá hồng Mỹ thương phẩm",
        specification: "Cỡ thu hoạch ≥ 1,2 kg/con; năng suất ≥ 8 tấn/ha",
        quantity: "25",
        unit: "tấn",
        only: "trial",
      },
      {
        cls: "I",
        name: "Đàn cá hồng Mỹ bố mẹ hậu bị",
        specification: "Khối lượng ≥ 5 kg/con, thành thục tốt, sạch bệnh",
        quantity: "60",
        unit: "con",
        due: 0.5,
        only: "research",
      },
      {
        cls: "II",
        name: "Quy trình sản xuất giống cá hồng Mỹ",
        specification: "Từ nuôi vỗ cá bố mẹ đến ương cá giống, được Hội đồng khoa học cơ sở thông qua",
        quantity: "1",
        unit: "quy trình",
      },
      {
        cls: "II",
        name: "Quy trình nuôi thương phẩm cá hồng Mỹ trong ao đất",
        specification: "Năng suất ≥ 8 tấn/ha, hệ số chuyển đổi thức ăn ≤ 1,6",
        quantity: "1",
        unit: "quy trình",
      },
      article("tạp chí Nông nghiệp và Phát triển nông thôn"),
      {
        cls: "III",
        name: "Đào tạo kỹ thuật viên nuôi trồng thủy sản",
        specification: "Nắm vững quy trình sản xuất giống và nuôi thương phẩm",
        quantity: "10",
        unit: "người",
      },
      master("Nuôi trồng thủy sản"),
    ],
    sites: [
      { name: "Trại sản xuất giống thủy sản {place}", scale: "8 bể ương, 1.000 m²", coastal: true },
      { name: "Hộ nuôi thủy sản ven biển {place}", scale: "2 ha ao nuôi", coastal: true },
      { name: "Hợp tác xã nuôi trồng thủy sản {place}", scale: "5 ha", coastal: true },
    ],
  },
  cordyceps: {
    items: [
      "Tuyển chọn, lưu giữ và phục tráng chủng giống Cordyceps militaris",
      "Nghiên cứu thành phần giá thể và môi trường nhân giống",
      "Nghiên cứu điều kiện nuôi trồng (nhiệt độ, ẩm độ, ánh sáng)",
      "Nghiên cứu chế biến, phát triển sản phẩm",
      "Phân tích hàm lượng cordycepin, adenosine và đánh giá chất lượng",
      "Xây dựng mô hình sản xuất và hồ sơ công bố sản phẩm",
      FINAL_ITEM,
    ],
    products: [
      {
        cls: "I",
        name: "Chủng giống Cordyceps militaris thuần",
        specification: "Sinh trưởng ổn định qua 5 lần cấy chuyển; cordycepin ≥ 2 mg/g quả thể khô",
        quantity: "3",
        unit: "chủng",
        due: 0.5,
      },
      {
        cls: "I",
        name: "Quả thể đông trùng hạ thảo sấy khô",
        specification: "Đạt tiêu chuẩn cơ sở; cordycepin ≥ 2 mg/g",
        quantity: "150",
        unit: "kg",
      },
      {
        cls: "I",
        name: "Sản phẩm trà, rượu đông trùng hạ thảo",
        specification: "Đạt chứng nhận OCOP 4 sao; an toàn thực phẩm theo quy định",
        quantity: "5000",
        unit: "hộp",
        only: "trial",
      },
      {
        cls: "II",
        name: "Quy trình nuôi trồng đông trùng hạ thảo trên giá thể tổng hợp",
        specification: "Năng suất quả thể tươi ≥ 250 g/bình, tỷ lệ nhiễm ≤ 5%",
        quantity: "1",
        unit: "quy trình",
      },
      {
        cls: "II",
        name: "Tiêu chuẩn cơ sở sản phẩm đông trùng hạ thảo",
        specification: "Được tổ chức chủ trì công bố theo quy định",
        quantity: "2",
        unit: "tiêu chuẩn",
      },
      article("tạp chí Khoa học và Công nghệ Việt Nam"),
      master("Công nghệ sinh học"),
    ],
    sites: [
      { name: "Cơ sở nuôi trồng đông trùng hạ thảo {place}", scale: "phòng nuôi 120 m²" },
      { name: "Hợp tác xã dược liệu {place}", scale: "20.000 bình/năm" },
    ],
  },
  digital: {
    items: [
      "Khảo sát hiện trạng hạ tầng, dữ liệu và nhu cầu nghiệp vụ",
      "Phân tích, thiết kế kiến trúc hệ thống và cơ sở dữ liệu",
      "Thu thập, chuẩn hóa và tích hợp dữ liệu",
      "Phát triển phần mềm, ứng dụng",
      "Triển khai thử nghiệm, đánh giá an toàn thông tin",
      "Đào tạo, hướng dẫn sử dụng và chuyển giao",
      FINAL_ITEM,
    ],
    products: [
      {
        cls: "I",
        name: "Bộ thiết bị thu thập dữ liệu thử nghiệm",
        specification: "Kết nối với nền tảng của hệ thống, hoạt động ổn định 24/7",
        quantity: "10",
        unit: "bộ",
        due: 0.7,
      },
      {
        cls: "II",
        name: "Hệ thống phần mềm",
        specification:
          "Đáp ứng các chức năng theo thuyết minh; bảo đảm an toàn thông tin cấp độ 2; tích hợp nền tảng LGSP của tỉnh",
        quantity: "1",
        unit: "hệ thống",
      },
      {
        cls: "II",
        name: "Cơ sở dữ liệu chuyên ngành",
        specification: "Chuẩn hóa theo danh mục dữ liệu dùng chung của tỉnh; ≥ 50.000 bản ghi",
        quantity: "1",
        unit: "cơ sở dữ liệu",
      },
      {
        cls: "II",
        name: "Báo cáo kiến trúc và thiết kế hệ thống",
        specification: "Phù hợp Khung kiến trúc chính quyền số của tỉnh",
        quantity: "1",
        unit: "báo cáo",
        due: 0.4,
      },
      {
        cls: "II",
        name: "Bộ tài liệu hướng dẫn sử dụng và vận hành",
        specification: "Dành cho cán bộ quản trị và người sử dụng",
        quantity: "1",
        unit: "bộ",
      },
      article("tạp chí Thông tin và Truyền thông", "1"),
      {
        cls: "III",
        name: "Tập huấn cán bộ quản trị, vận hành hệ thống",
        specification: "Sử dụng thành thạo các chức năng của hệ thống",
        quantity: "60",
        unit: "lượt người",
      },
    ],
    sites: [
      { name: "Trung tâm Phục vụ hành chính công tỉnh", scale: "12 quầy giao dịch" },
      { name: "Ủy ban nhân dân các xã thuộc khu vực {place}", scale: "12 xã" },
      { name: "Trung tâm Giám sát, điều hành đô thị thông minh tỉnh", scale: "1 trung tâm, 40 cán bộ" },
    ],
  },
  education: {
    items: [
      "Khảo sát thực trạng dạy học và nhu cầu của giáo viên, học sinh",
      "Xây dựng khung nội dung, chương trình và tiêu chí đánh giá",
      "Biên soạn học liệu, bài giảng mẫu",
      "Tập huấn giáo viên cốt cán",
      "Thực nghiệm sư phạm tại các trường",
      "Đánh giá kết quả thực nghiệm, hoàn thiện giải pháp",
      FINAL_ITEM,
    ],
    products: [
      {
        cls: "I",
        name: "Bộ thiết bị, mô hình dạy học thực hành",
        specification: "Phục vụ thực nghiệm tại các trường, an toàn cho học sinh",
        quantity: "12",
        unit: "bộ",
        due: 0.5,
      },
      {
        cls: "II",
        name: "Bộ tài liệu hướng dẫn dạy học",
        specification: "Được Sở Giáo dục và Đào tạo thẩm định, cho phép sử dụng",
        quantity: "1",
        unit: "bộ",
      },
      {
        cls: "II",
        name: "Kho học liệu số",
        specification:
          "≥ 200 học liệu (bài giảng điện tử, video, bài kiểm tra) theo Chương trình giáo dục phổ thông 2018",
        quantity: "1",
        unit: "kho",
      },
      {
        cls: "II",
        name: "Báo cáo đánh giá thực trạng và đề xuất giải pháp",
        specification: "Có số liệu khảo sát của ít nhất 1.000 học sinh và 200 giáo viên",
        quantity: "1",
        unit: "báo cáo",
        due: 0.4,
      },
      article("tạp chí Giáo dục"),
      {
        cls: "III",
        name: "Tập huấn giáo viên cốt cán",
        specification: "Được cấp giấy chứng nhận hoàn thành",
        quantity: "150",
        unit: "giáo viên",
      },
      master("Quản lý giáo dục"),
    ],
    sites: [
      { name: "Các trường trung học trên địa bàn {place}", scale: "12 trường" },
      { name: "Trường trung học phổ thông {place}", scale: "1.200 học sinh" },
      { name: "Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên {place}", scale: "300 học viên" },
    ],
  },
  health: {
    items: [
      "Tổng quan tài liệu, xây dựng đề cương chi tiết và bộ công cụ nghiên cứu",
      "Đào tạo nhân lực, chuẩn bị trang thiết bị và cơ sở triển khai",
      "Triển khai ứng dụng, can thiệp trên người bệnh",
      "Theo dõi, đánh giá hiệu quả và tính an toàn",
      "Xây dựng quy trình chuyên môn",
      "Tập huấn, chuyển giao cho tuyến dưới",
      FINAL_ITEM,
    ],
    products: [
      {
        cls: "II",
        name: "Quy trình kỹ thuật chuyên môn",
        specification: "Được Hội đồng khoa học của bệnh viện phê duyệt, áp dụng thường quy",
        quantity: "1",
        unit: "quy trình",
      },
      {
        cls: "II",
        name: "Báo cáo đánh giá hiệu quả ứng dụng",
        specification: "Trên ít nhất 60 người bệnh, có so sánh trước và sau",
        quantity: "1",
        unit: "báo cáo",
      },
      {
        cls: "II",
        name: "Bộ tài liệu hướng dẫn chuyên môn cho tuyến dưới",
        specification: "Phù hợp hướng dẫn của Bộ Y tế",
        quantity: "1",
        unit: "bộ",
      },
      article("Tạp chí Y học Việt Nam"),
      {
        cls: "III",
        name: "Tập huấn cán bộ y tế tuyến dưới",
        specification: "Thực hiện được kỹ thuật theo quy trình",
        quantity: "40",
        unit: "người",
      },
      {
        cls: "III",
        name: "Hỗ trợ đào tạo bác sĩ chuyên khoa cấp II",
        specification: "Luận văn sử dụng số liệu của nhiệm vụ",
        quantity: "1",
        unit: "người",
      },
    ],
    sites: [
      { name: "Trung tâm Y tế khu vực {place}", scale: "30 cán bộ y tế" },
      { name: "Trạm y tế các xã thuộc khu vực {place}", scale: "10 trạm y tế" },
    ],
  },
  manufacturing: {
    items: [
      "Khảo sát công nghệ, xác định yêu cầu kỹ thuật",
      "Thiết kế hệ thống, lập bản vẽ kỹ thuật",
      "Chế tạo, lắp đặt thiết bị và dây chuyền",
      "Chạy thử, hiệu chỉnh và hoàn thiện công nghệ",
      "Sản xuất thử nghiệm, đánh giá chất lượng sản phẩm",
      "Đào tạo vận hành, chuyển giao cho doanh nghiệp",
      FINAL_ITEM,
    ],
    products: [
      {
        cls: "I",
        name: "Hệ thống thiết bị hoàn chỉnh",
        specification: "Đạt các thông số kỹ thuật theo thuyết minh, vận hành ổn định ≥ 500 giờ",
        quantity: "1",
        unit: "hệ thống",
        due: 0.8,
      },
      {
        cls: "I",
        name: "Sản phẩm sản xuất thử nghiệm",
        specification: "Đạt tiêu chuẩn cơ sở đã công bố, được thị trường chấp nhận",
        quantity: "5000",
        unit: "sản phẩm",
        only: "trial",
      },
      {
        cls: "II",
        name: "Bộ hồ sơ thiết kế kỹ thuật",
        specification: "Bản vẽ tổng thể, bản vẽ chi tiết và thuyết minh tính toán",
        quantity: "1",
        unit: "bộ",
        due: 0.5,
      },
      {
        cls: "II",
        name: "Quy trình công nghệ sản xuất",
        specification: "Ổn định ở quy mô sản xuất, được doanh nghiệp tiếp nhận áp dụng",
        quantity: "1",
        unit: "quy trình",
      },
      {
        cls: "II",
        name: "Tiêu chuẩn cơ sở sản phẩm",
        specification: "Được tổ chức chủ trì công bố theo quy định",
        quantity: "1",
        unit: "tiêu chuẩn",
      },
      article("tạp chí Cơ khí Việt Nam", "1"),
      {
        cls: "III",
        name: "Đơn đăng ký giải pháp hữu ích",
        specification: "Được Cục Sở hữu trí tuệ chấp nhận đơn hợp lệ",
        quantity: "1",
        unit: "đơn",
      },
      {
        cls: "III",
        name: "Đào tạo kỹ thuật viên vận hành",
        specification: "Vận hành, bảo dưỡng thành thạo hệ thống",
        quantity: "15",
        unit: "người",
      },
    ],
    sites: [
      { name: "Doanh nghiệp tiếp nhận công nghệ tại khu công nghiệp {place}", scale: "1 dây chuyền, 20 lao động" },
      { name: "Xưởng sản xuất thử nghiệm tại {place}", scale: "500 m² nhà xưởng" },
    ],
  },
  environment: {
    items: [
      "Thu thập tài liệu, điều tra khảo sát hiện trạng",
      "Quan trắc, lấy mẫu và phân tích",
      "Xây dựng cơ sở dữ liệu và bản đồ chuyên đề",
      "Đánh giá, dự báo và phân vùng",
      "Đề xuất giải pháp, xây dựng mô hình thí điểm",
      "Hội thảo, tập huấn chuyển giao kết quả",
      FINAL_ITEM,
    ],
    products: [
      {
        cls: "I",
        name: "Trạm quan trắc tự động",
        specification: "Truyền số liệu theo thời gian thực về cơ quan quản lý",
        quantity: "3",
        unit: "trạm",
        due: 0.7,
      },
      {
        cls: "II",
        name: "Cơ sở dữ liệu và bộ bản đồ chuyên đề tỷ lệ 1:25.000",
        specification: "Theo chuẩn dữ liệu địa lý quốc gia, tích hợp được vào hệ thống GIS của tỉnh",
        quantity: "1",
        unit: "bộ",
      },
      {
        cls: "II",
        name: "Báo cáo đánh giá hiện trạng và dự báo",
        specification: "Có kịch bản đến năm 2030 và 2050",
        quantity: "1",
        unit: "báo cáo",
        due: 0.6,
      },
      {
        cls: "II",
        name: "Bộ giải pháp và kế hoạch hành động",
        specification: "Được các sở, ngành liên quan góp ý, đủ điều kiện trình Ủy ban nhân dân tỉnh",
        quantity: "1",
        unit: "bộ",
      },
      article("tạp chí Môi trường"),
      master("Khoa học môi trường"),
    ],
    sites: [
      { name: "Vùng ven biển {place}", scale: "1.500 ha", coastal: true },
      { name: "Các xã ven sông thuộc khu vực {place}", scale: "8 xã" },
    ],
  },
  farming: {
    items: [
      "Điều tra, đánh giá thực trạng sản xuất",
      "Tuyển chọn vật liệu, giống và chủng vi sinh vật",
      "Nghiên cứu hoàn thiện quy trình kỹ thuật",
      "Xây dựng mô hình sản xuất thử nghiệm",
      "Phân tích, đánh giá chất lượng sản phẩm",
      "Tập huấn, tổ chức hội thảo đầu bờ",
      FINAL_ITEM,
    ],
    products: [
      {
        cls: "I",
        name: "Sản phẩm đạt tiêu chuẩn hữu cơ, an toàn",
        specification: "Đạt tiêu chuẩn cơ sở và quy định an toàn thực phẩm",
        quantity: "10",
        unit: "tấn",
        only: "trial",
      },
      {
        cls: "I",
        name: "Mô hình sản xuất trình diễn",
        specification: "Hiệu quả kinh tế tăng ≥ 15% so với sản xuất đại trà",
        quantity: "3",
        unit: "ha",
        due: 0.85,
      },
      {
        cls: "II",
        name: "Quy trình kỹ thuật sản xuất",
        specification: "Được Hội đồng khoa học cơ sở thông qua, phù hợp điều kiện của tỉnh",
        quantity: "1",
        unit: "quy trình",
      },
      {
        cls: "II",
        name: "Tiêu chuẩn cơ sở sản phẩm",
        specification: "Được tổ chức chủ trì công bố theo quy định",
        quantity: "1",
        unit: "tiêu chuẩn",
      },
      article("tạp chí Nông nghiệp và Phát triển nông thôn"),
      {
        cls: "III",
        name: "Tập huấn kỹ thuật cho nông dân",
        specification: "Áp dụng được quy trình tại hộ",
        quantity: "100",
        unit: "lượt người",
      },
    ],
    sites: [
      { name: "Hợp tác xã nông nghiệp {place}", scale: "3 ha" },
      { name: "Trang trại sản xuất hữu cơ {place}", scale: "1,5 ha" },
      { name: "Nhóm hộ sản xuất {place}", scale: "25 hộ" },
    ],
  },
  culture: {
    items: [
      "Tổng quan tư liệu, xây dựng phương pháp nghiên cứu",
      "Điền dã, khảo sát, sưu tầm tư liệu",
      "Số hóa, lập hồ sơ tư liệu",
      "Phân tích, đánh giá giá trị di sản",
      "Đề xuất giải pháp bảo tồn, phát huy giá trị",
      "Hội thảo khoa học, công bố kết quả",
      FINAL_ITEM,
    ],
    products: [
      {
        cls: "II",
        name: "Cơ sở dữ liệu số tư liệu di sản",
        specification: "≥ 2.000 tư liệu được số hóa, mô tả theo chuẩn siêu dữ liệu",
        quantity: "1",
        unit: "cơ sở dữ liệu",
      },
      {
        cls: "II",
        name: "Báo cáo đánh giá giá trị di sản và giải pháp bảo tồn",
        specification: "Được Sở Văn hóa, Thể thao và Du lịch góp ý",
        quantity: "1",
        unit: "báo cáo",
      },
      {
        cls: "III",
        name: "Sách chuyên khảo",
        specification: "Xuất bản tại nhà xuất bản có uy tín, 500 bản",
        quantity: "1",
        unit: "cuốn",
      },
      article("tạp chí Di sản văn hóa"),
    ],
    sites: [
      { name: "Ban quản lý di tích {place}", scale: "5 di tích" },
      { name: "Câu lạc bộ văn hóa dân gian {place}", scale: "30 thành viên" },
    ],
  },
  policy: {
    items: [
      "Khảo sát, đánh giá thực trạng",
      "Nghiên cứu kinh nghiệm trong nước và quốc tế",
      "Xây dựng dự thảo đề án",
      "Hội thảo, lấy ý kiến các sở, ngành, địa phương",
      "Hoàn thiện đề án, trình Ủy ban nhân dân tỉnh",
    ],
    products: [
      {
        cls: "II",
        name: "Đề án trình Ủy ban nhân dân tỉnh",
        specification: "Đủ điều kiện trình Ủy ban nhân dân tỉnh phê duyệt",
        quantity: "1",
        unit: "đề án",
      },
      {
        cls: "II",
        name: "Báo cáo đánh giá thực trạng",
        specification: "Có số liệu khảo sát các sở, ngành, địa phương",
        quantity: "1",
        unit: "báo cáo",
        due: 0.5,
      },
      {
        cls: "II",
        name: "Dự thảo kế hoạch triển khai và cơ chế, chính sách",
        specification: "Kèm dự toán kinh phí và phân công thực hiện",
        quantity: "1",
        unit: "bộ",
      },
      {
        cls: "III",
        name: "Kỷ yếu hội thảo khoa học",
        specification: "Tập hợp tham luận của các chuyên gia, nhà quản lý",
        quantity: "1",
        unit: "cuốn",
        due: 0.8,
      },
    ],
    sites: [],
  },
  generic: {
    items: [
      "Khảo sát, đánh giá thực trạng",
      "Nghiên cứu cơ sở lý luận và kinh nghiệm trong nước, quốc tế",
      "Xây dựng mô hình, giải pháp",
      "Triển khai thí điểm",
      "Đánh giá kết quả, hoàn thiện giải pháp",
      "Tập huấn, hội thảo phổ biến kết quả",
      FINAL_ITEM,
    ],
    products: [
      {
        cls: "I",
        name: "Sản phẩm hoàn thiện sẵn sàng thương mại hóa",
        specification: "Có khách hàng đặt hàng hoặc hợp đồng chuyển giao",
        quantity: "1",
        unit: "sản phẩm",
        only: "trial",
      },
      {
        cls: "II",
        name: "Báo cáo giải pháp",
        specification: "Được Hội đồng khoa học cơ sở thông qua",
        quantity: "1",
        unit: "báo cáo",
      },
      {
        cls: "II",
        name: "Bộ tài liệu hướng dẫn triển khai",
        specification: "Áp dụng được cho các tổ chức, doanh nghiệp trên địa bàn",
        quantity: "1",
        unit: "bộ",
      },
      article("tạp chí Khoa học và Công nghệ Việt Nam"),
      {
        cls: "III",
        name: "Tập huấn cho cán bộ, doanh nghiệp",
        specification: "Nắm được nội dung giải pháp",
        quantity: "50",
        unit: "lượt người",
      },
    ],
    sites: [
      { name: "Doanh nghiệp khởi nghiệp đổi mới sáng tạo tại {place}", scale: "10 doanh nghiệp" },
      { name: "Cơ sở giáo dục đại học tại {place}", scale: "3 trường" },
    ],
  },
};

/** Districts and towns of the three former provinces, for where the work is applied. */
export const LOCALITIES: Record<ProvinceKey, readonly (readonly [string, string])[]> = {
  nam_dinh: [
    ["huyện", "Giao Thủy"],
    ["huyện", "Hải Hậu"],
    ["huyện", "Nghĩa Hưng"],
    ["huyện", "Xuân Trường"],
    ["huyện", "Ý Yên"],
    ["huyện", "Vụ Bản"],
    ["thành phố", "Nam Định"],
  ],
  ha_nam: [
    ["huyện", "Lý Nhân"],
    ["huyện", "Thanh Liêm"],
    ["huyện", "Bình Lục"],
    ["huyện", "Kim Bảng"],
    ["thị xã", "Duy Tiên"],
    ["thành phố", "Phủ Lý"],
  ],
  ninh_binh: [
    ["huyện", "Kim Sơn"],
    ["huyện", "Yên Khánh"],
    ["huyện", "Gia Viễn"],
    ["huyện", "Nho Quan"],
    ["huyện", "Yên Mô"],
    ["huyện", "Hoa Lư"],
    ["thành phố", "Tam Điệp"],
    ["thành phố", "Ninh Bình"],
  ],
};

/** The districts on the sea. */
export const COASTAL = new Set(["Giao Thủy", "Hải Hậu", "Nghĩa Hưng", "Kim Sơn"]);

/** Where a province's own bodies sit, for sites that serve the whole province. */
export const CAPITALS: Record<ProvinceKey, string> = {
  nam_dinh: "thành phố Nam Định",
  ha_nam: "thành phố Phủ Lý",
  ninh_binh: "thành phố Ninh Bình",
};

export const PROVINCE_NAMES: Record<ProvinceKey, string> = {
  nam_dinh: "Nam Định",
  ha_nam: "Hà Nam",
  ninh_binh: "Ninh Bình",
};
