import type { SortKey, SortOrder } from "../api/types.ts";

/** A column header that sorts by its column; aria-sort tells which column sorts, and which way. */
export function SortableHeader(props: {
  column: SortKey;
  label: string;
  sort: SortKey;
  order: SortOrder;
  onSort: (column: SortKey) => void;
  class?: string;
}) {
  const active = () => props.sort === props.column;
  const icon = () => (active() ? (props.order === "asc" ? "▲" : "▼") : "↕");
  return (
    <th
      scope="col"
      class={props.class}
      aria-sort={active() ? (props.order === "asc" ? "ascending" : "descending") : undefined}
    >
      <button
        type="button"
        class="sort-button"
        classList={{ "is-active": active() }}
        onClick={() => props.onSort(props.column)}
      >
        <span>{props.label}</span>
        <span class="sort-button__icon" aria-hidden="true">
          {icon()}
        </span>
      </button>
    </th>
  );
}
