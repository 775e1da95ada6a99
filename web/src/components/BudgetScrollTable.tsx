import type { JSX } from "solid-js";

/**
 * A table that scrolls sideways on a phone instead of squeezing its figures. A named section is a
 * region; it takes focus so keyboard users can scroll it too.
 */
export function BudgetScrollTable(props: { label: string; children: JSX.Element }) {
  return (
    <section class="budget-scroll" aria-label={props.label} tabindex="0">
      {props.children}
    </section>
  );
}
