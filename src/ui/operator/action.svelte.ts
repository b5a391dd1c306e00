import { t } from '../../i18n/index.svelte';
import { reasonOf } from '../content/content-view';

/** One operator action's state for its form: busy while running, then "done" or the hub's reason. */
export class Action {
  busy = $state(false);
  status = $state('');
  error = $state('');

  /** A form problem found before anything is sent: shown like a refusal. */
  refuse(message: string): void {
    this.status = '';
    this.error = message;
  }

  async run(action: () => Promise<unknown>): Promise<boolean> {
    this.busy = true;
    this.status = '';
    this.error = '';
    try {
      await action();
      this.status = t('operator.done');
      return true;
    } catch (caught) {
      this.error = t('operator.error', { reason: reasonOf(caught) });
      return false;
    } finally {
      this.busy = false;
    }
  }
}
