import { createUniqueId, For, type JSX } from "solid-js";

export interface TabItem<Id extends string> {
  id: Id;
  label: string;
}

/**
 * Tabs as WAI-ARIA describes them: a tablist whose selected tab controls the one panel shown.
 * Arrow keys move between tabs (and select them), Home and End jump to the ends.
 */
export function Tabs<Id extends string>(props: {
  label: string;
  tabs: readonly TabItem<Id>[];
  selected: Id;
  onSelect: (id: Id) => void;
  children: JSX.Element;
}) {
  const base = createUniqueId();
  const tabId = (id: Id) => `${base}-tab-${id}`;
  const panelId = (id: Id) => `${base}-panel-${id}`;
  const buttons = new Map<Id, HTMLButtonElement>();

  const move = (from: Id, step: number | "first" | "last") => {
    const ids = props.tabs.map((t) => t.id);
    const at = ids.indexOf(from);
    const index = step === "first" ? 0 : step === "last" ? ids.length - 1 : (at + step + ids.length) % ids.length;
    const next = ids[index];
    if (next === undefined) return;
    props.onSelect(next);
    buttons.get(next)?.focus();
  };

  const onKeyDown = (id: Id, event: KeyboardEvent) => {
    const steps: Record<string, number | "first" | "last"> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      Home: "first",
      End: "last",
    };
    const step = steps[event.key];
    if (step === undefined) return;
    event.preventDefault();
    move(id, step);
  };

  return (
    <div class="tabs">
      <div role="tablist" aria-label={props.label} class="tabs__list">
        <For each={props.tabs}>
          {(tab) => (
            <button
              type="button"
              role="tab"
              ref={(el) => buttons.set(tab.id, el)}
              id={tabId(tab.id)}
              class="tabs__tab"
              aria-selected={props.selected === tab.id}
              aria-controls={props.selected === tab.id ? panelId(tab.id) : undefined}
              tabIndex={props.selected === tab.id ? 0 : -1}
              onClick={() => props.onSelect(tab.id)}
              onKeyDown={(event) => onKeyDown(tab.id, event)}
            >
              {tab.label}
            </button>
          )}
        </For>
      </div>
      <div
        role="tabpanel"
        id={panelId(props.selected)}
        aria-labelledby={tabId(props.selected)}
        class="tabs__panel"
        tabIndex={-1}
      >
        {props.children}
      </div>
    </div>
  );
}
