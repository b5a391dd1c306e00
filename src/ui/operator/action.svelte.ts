import { t } from '../../i18n/index.svelte';
import { reasonOf } from '../content/content-view';
import { HubError } from '../../hub/client';
import { focusNow, keepFocusAfter } from '../shared/focus';

/** One operator action's state for its form: busy while running, then "done" or the hub's reason. */
export class Action {
  busy = $state(false);
  status = $state('');
  error = $state('');
  /** Where ActionStatus shows the outcome; focus goes there when the action took it away (see run). */
  anchor: HTMLElement | undefined = undefined;

  /** `background`: runs nobody pressed a button for (a refresh on a change): they never move focus. */
  constructor(private readonly options: { background?: boolean } = {}) {}

  /** A form problem found before anything is sent: shown like a refusal. */
  refuse(message: string): void {
    this.status = '';
    this.error = message;
  }

  /** `done`: what was done, said after it (Approved demo-ben.); a bare "Done." otherwise. */
  async run(action: () => Promise<unknown>, done?: string): Promise<boolean> {
    const trigger = focusNow();
    this.busy = true;
    this.status = '';
    this.error = '';
    try {
      await action();
      this.status = done ?? t('operator.done');
      // Done while offline: only a write through the outbox can be (the hub's own steps fail), and it has not gone out.
      if (typeof navigator !== 'undefined' && navigator.onLine === false) this.status += ` ${t('operator.waitsToSend')}`;
      return true;
    } catch (caught) {
      // A network failure's own words ("Failed to fetch") are the browser's, in English: the app says what it means.
      const offline = caught instanceof HubError && caught.status === 0;
      this.error = t('operator.error', { reason: offline ? t('operator.offline') : reasonOf(caught) });
      return false;
    } finally {
      this.busy = false;
      // The button went disabled while the action ran (or went away with what it acted on: an approved request, a
      // removed post): the outcome takes focus, which is also what a screen reader should read next.
      if (!this.options.background) void keepFocusAfter(trigger, () => this.anchor);
    }
  }
}
