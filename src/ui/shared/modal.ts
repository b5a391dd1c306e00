/** Shows a <dialog> as a modal while `open` holds, and closes it otherwise. Run it from an $effect. */
export function syncModal(dialog: HTMLDialogElement | undefined, open: boolean): void {
  if (!dialog) return;
  if (open && !dialog.open) dialog.showModal();
  if (!open && dialog.open) dialog.close();
}
