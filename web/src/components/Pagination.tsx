import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { PAGE_SIZE_OPTIONS } from "../options.ts";
import { SelectField } from "./SelectField.tsx";

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** Previous / next with "Page 1/5", and the number of rows per page. */
export function Pagination(props: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  onPageSize: (pageSize: number) => void;
}) {
  const { t } = useI18n();
  const format = useFormat();
  const pages = () => pageCount(props.total, props.pageSize);

  return (
    <nav class="pagination" aria-label={t("pagination.label")}>
      <div class="pagination__pages">
        <button
          type="button"
          class="button"
          disabled={props.page <= 1}
          onClick={() => props.onPage(Math.min(props.page - 1, pages()))}
        >
          <span aria-hidden="true">‹ </span>
          {t("pagination.previous")}
        </button>
        <span class="pagination__current" aria-current="page">
          {t("pagination.pageOf", { page: format.number(props.page), pages: format.number(pages()) })}
        </span>
        <button
          type="button"
          class="button"
          disabled={props.page >= pages()}
          onClick={() => props.onPage(props.page + 1)}
        >
          {t("pagination.next")}
          <span aria-hidden="true"> ›</span>
        </button>
      </div>
      <div class="pagination__size">
        <SelectField
          label={t("pagination.pageSize")}
          value={String(props.pageSize)}
          options={PAGE_SIZE_OPTIONS.map((size) => ({ value: String(size), label: String(size) }))}
          onChange={(value) => props.onPageSize(Number(value))}
        />
      </div>
    </nav>
  );
}
