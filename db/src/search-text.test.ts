import { describe, expect, it } from "vitest";
import { foldVietnamese, taskSearchText } from "./search-text.ts";

describe("foldVietnamese", () => {
  it.each([
    ["Giống lúa", "giong lua"],
    ["ĐÔNG TRÙNG HẠ THẢO", "dong trung ha thao"],
    ["cá hồng Mỹ", "ca hong my"],
    ["Đề tài  nhiều   khoảng trắng ", "de tai nhieu khoang trang"],
    ["ĐT.2024.07", "dt.2024.07"],
    ["Nghiên cứu ứng dụng", "nghien cuu ung dung"],
  ])("%s → %s", (input, folded) => {
    expect(foldVietnamese(input)).toBe(folded);
  });

  it("folds decomposed input the same as composed input", () => {
    expect(foldVietnamese("giống".normalize("NFD"))).toBe(foldVietnamese("giống".normalize("NFC")));
  });

  it("joins code and title", () => {
    expect(taskSearchText("ĐT.2024.01", "Chọn tạo giống lúa")).toBe("dt.2024.01 chon tao giong lua");
  });
});
