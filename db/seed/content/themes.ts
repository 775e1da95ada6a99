/*
 * The starting Industry 4.0 taxonomy. The Resolution 57 targets are worded as the province's
 * action plan numbers them; themes that serve no numbered target carry none.
 */
export interface ThemeSeed {
  code: string;
  nameVi: string;
  nameEn: string;
  parent?: string;
  r57Target?: string;
}

export const THEMES: readonly ThemeSeed[] = [
  {
    code: "DTTM",
    nameVi: "Đô thị thông minh và chính quyền số",
    nameEn: "Smart city and digital government",
    r57Target: "NQ57 – Mục tiêu 1: Tỷ lệ người dân và doanh nghiệp sử dụng dịch vụ công trực tuyến đạt trên 80%",
  },
  {
    code: "GDDT",
    nameVi: "Giáo dục và đào tạo",
    nameEn: "Education and training",
    r57Target: "NQ57 – Mục tiêu 5: Phát triển nhân lực nghiên cứu, đạt 12 người trên một vạn dân",
  },
  {
    code: "NNCNC",
    nameVi: "Nông nghiệp công nghệ cao",
    nameEn: "High-tech agriculture",
    r57Target: "NQ57 – Mục tiêu 4: Đóng góp của năng suất các nhân tố tổng hợp (TFP) vào tăng trưởng đạt trên 55%",
  },
  { code: "NNCNC-GIONG", nameVi: "Giống cây trồng", nameEn: "Crop varieties", parent: "NNCNC" },
  { code: "NNCNC-CHANNUOI", nameVi: "Chăn nuôi", nameEn: "Livestock", parent: "NNCNC" },
  { code: "NNCNC-THUYSAN", nameVi: "Thủy sản", nameEn: "Aquaculture", parent: "NNCNC" },
  {
    code: "NNCNC-HUUCO",
    nameVi: "Sản xuất hữu cơ, sản xuất sạch",
    nameEn: "Organic and clean production",
    parent: "NNCNC",
  },
  { code: "YTE", nameVi: "Y tế và chăm sóc sức khỏe", nameEn: "Health" },
  {
    code: "CNDN",
    nameVi: "Công nghiệp chế biến, chế tạo và đổi mới sáng tạo doanh nghiệp",
    nameEn: "Manufacturing and enterprise innovation",
    r57Target: "NQ57 – Mục tiêu 3: Tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo đạt trên 40%",
  },
  {
    code: "MTKH",
    nameVi: "Môi trường và biến đổi khí hậu",
    nameEn: "Environment and climate",
  },
  { code: "VHXH", nameVi: "Văn hóa và xã hội", nameEn: "Culture and society" },
  {
    code: "KNST",
    nameVi: "Khởi nghiệp và hệ sinh thái đổi mới sáng tạo",
    nameEn: "Start-ups and the innovation ecosystem",
    r57Target: "NQ57 – Mục tiêu 6: Chi cho nghiên cứu và phát triển đạt 2% GRDP, trong đó nguồn xã hội trên 60%",
  },
];
