import { tick } from 'svelte';
import { t } from '../../i18n/index.svelte';
import { candidatesFor, PersonRefused, readCirclePeople, type PersonPurpose } from '../../hub/circle-people';
import type { Action } from './action.svelte';

/** The field's words for a name it cannot take: not a person of the circle (with a near spelling), or an operator. */
export function refusedPersonText(refused: PersonRefused, purpose: PersonPurpose): string {
  if (refused.problem === 'operator') return t(purpose === 'mute' ? 'operator.people.operatorNotMuted' : 'operator.people.alreadyOperator', { name: refused.user });
  return refused.suggestion
    ? t('operator.people.didYouMean', { name: refused.user, suggestion: refused.suggestion })
    : t('operator.people.notMember', { name: refused.user });
}

/**
 * A name field that takes only people of the circle (mute, add co-operator): the circle's people as suggestions
 * for its <datalist>, and a refusal said at the field itself (aria-invalid, the text as its description, focus
 * back on it) rather than in the form's status line. The check itself is in the write (src/hub/circle-people.ts).
 */
export class PersonField {
  people = $state<string[]>([]);
  problem = $state('');
  input = $state<HTMLInputElement>();
  private loading: Promise<void> | undefined;

  constructor(private readonly circleId: () => string, private readonly purpose: PersonPurpose) {}

  /** Suggestions load when the field is first used: one read of what the operator can read anyway. */
  load(): Promise<void> {
    this.loading ??= readCirclePeople(this.circleId()).then((people) => {
      this.people = candidatesFor(people, this.purpose);
    }, () => {
      this.loading = undefined; // only suggestions: try again on the next focus
    });
    return this.loading;
  }

  /** Runs `write` as the form's action; a PersonRefused becomes the field's problem instead of "Not done". */
  async run(action: Action, write: () => Promise<unknown>, doneText?: string): Promise<boolean> {
    this.problem = '';
    let refused: PersonRefused | undefined;
    const done = await action.run(() => write().catch((error: unknown) => {
      if (error instanceof PersonRefused) refused = error;
      throw error;
    }), doneText);
    if (refused) {
      action.error = '';
      this.problem = refusedPersonText(refused, this.purpose);
      await tick();
      this.input?.focus();
    }
    return done;
  }
}
