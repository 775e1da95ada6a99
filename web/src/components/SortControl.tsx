import type { SortKey, SortOrder } from "../api/types.ts";
import { useI18n } from "../i18n/context.tsx";
import { SORT_OPTIONS } from "../options.ts";
import { SelectField } from "./SelectField.tsx";

/** Sorting for the card list on phones, where there are no column headers to press. */
export function SortControl(props: {
  sort: SortKey;
  order: SortOrder;
  onChange: (sort: SortKey, order: SortOrder) => void;
}) {
  const { t } = useI18n();
  return (
    <div class="sort-control">
      <SelectField
        label={t("taskList.sortBy")}
        value={props.sort}
        options={SORT_OPTIONS.map((key) => ({ value: key, label: t(`taskList.sort.${key}`) }))}
        onChange={(value) => props.onChange(SORT_OPTIONS.find((key) => key === value) ?? props.sort, props.order)}
      />
      <SelectField
        label={t("taskList.sortOrder")}
        value={props.order}
        options={[
          { value: "asc", label: t("taskList.ascending") },
          { value: "desc", label: t("taskList.descending") },
        ]}
        onChange={(value) => props.onChange(props.sort, value === "desc" ? "desc" : "asc")}
      />
    </div>
  );
}
