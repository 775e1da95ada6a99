import { createUniqueId, type JSX, onMount, Show } from "solid-js";

/**
 * A modal question with one confirming answer (native <dialog>: the page behind is inert, Esc
 * cancels unless busy). `children` holds what the answer needs (a reason); the form submits it.
 */
export function ConfirmDialog(props: {
  title: string;
  body?: JSX.Element;
  confirmLabel: string;
  busyLabel: string;
  cancelLabel: string;
  busy: boolean;
  danger?: boolean;
  problem?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
  children?: JSX.Element;
}) {
  const titleId = createUniqueId();
  let dialog!: HTMLDialogElement;
  onMount(() => dialog.showModal());

  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        if (props.busy) event.preventDefault();
      }}
      onClose={() => props.onCancel()}
    >
      <form
        class="dialog__form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!props.busy) props.onConfirm();
        }}
      >
        <header class="dialog__head">
          <h2 id={titleId} class="dialog__title">
            {props.title}
          </h2>
        </header>
        <div class="dialog__body">
          <div role="alert" class="alert-slot">
            <Show when={props.problem}>{(p) => <p class="notice notice--error">{p()}</p>}</Show>
          </div>
          {props.body}
          {props.children}
        </div>
        <footer class="dialog__actions">
          <button type="button" class="button button--quiet" disabled={props.busy} onClick={() => dialog.close()}>
            {props.cancelLabel}
          </button>
          <button
            type="submit"
            class="button"
            classList={{ "button--primary": !props.danger, "button--danger": !!props.danger }}
            disabled={props.busy}
            aria-busy={props.busy}
          >
            {props.busy ? props.busyLabel : props.confirmLabel}
          </button>
        </footer>
      </form>
    </dialog>
  );
}
