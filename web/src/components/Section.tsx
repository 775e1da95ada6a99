import { createUniqueId, type JSX } from "solid-js";

/** A titled card; the heading names the region for assistive technology. */
export function Section(props: { title: string; class?: string; actions?: JSX.Element; children: JSX.Element }) {
  const headingId = createUniqueId();
  return (
    <section class={`card section ${props.class ?? ""}`} aria-labelledby={headingId}>
      <div class="section__head">
        <h2 id={headingId} class="section__title">
          {props.title}
        </h2>
        {props.actions}
      </div>
      {props.children}
    </section>
  );
}
