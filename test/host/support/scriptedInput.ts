// Stands in for the person at the keyboard in extension-host tests: answers prompts from queues and
// records everything shown (prompts, validation messages, notifications with their actions).
import { BACK, type Back, type InputBoxOptions, type NotificationKind, type PickItem, type QuickPickOptions, type UserInput } from '../../../src/shared/ui/userInput';

export { BACK };

export interface Shown {
  kind: NotificationKind;
  message: string;
  actions: string[];
}

type PickAnswer = string | ((label: string, value: unknown) => boolean) | Back | undefined;

export class ScriptedUserInput implements UserInput {
  readonly notifications: Shown[] = [];
  readonly prompts: { type: 'input' | 'pick' | 'pickMany' | 'confirm'; title: string; detail?: string; items?: PickItem<unknown>[]; buttons?: string[] }[] = [];
  readonly validationMessages: string[] = [];
  readonly unexpected: string[] = [];
  private readonly inputs: (string | Back | undefined)[] = [];
  private readonly picks: PickAnswer[] = [];
  private readonly manyPicks: (string[] | Back | undefined)[] = [];
  private readonly confirms: (boolean | string)[] = [];
  private readonly notificationAnswers: { match: RegExp; action: string }[] = [];
  private waiters: (() => void)[] = [];

  /** Queues answers for input boxes (a value, BACK, or undefined for Escape). Invalid values are retried with the next one. */
  type(...values: (string | Back | undefined)[]): this {
    this.inputs.push(...values);
    return this;
  }
  /** Queues a single-pick answer: the label (exact or containing), a predicate, BACK or undefined. */
  pick(...answers: PickAnswer[]): this {
    this.picks.push(...answers);
    return this;
  }
  pickLabels(...answers: (string[] | Back | undefined)[]): this {
    this.manyPicks.push(...answers);
    return this;
  }
  /** Answers for modals: true presses the first (confirming) button, false cancels, a string presses that button. */
  confirmWith(...answers: (boolean | string)[]): this {
    this.confirms.push(...answers);
    return this;
  }
  /** Presses `action` on the next notification whose text matches. */
  pressOn(match: RegExp, action: string): this {
    this.notificationAnswers.push({ match, action });
    return this;
  }

  async inputBox(options: InputBoxOptions): Promise<string | Back | undefined> {
    this.prompts.push({ type: 'input', title: options.title });
    for (;;) {
      if (this.inputs.length === 0) return this.nothingQueued(`input box "${options.title}: ${options.prompt}"`);
      const value = this.inputs.shift();
      if (typeof value !== 'string') return value;
      const problem = options.validate?.(value);
      if (!problem) return value;
      this.validationMessages.push(problem);
    }
  }

  async pickOne<T>(items: PickItem<T>[], options: QuickPickOptions): Promise<T | Back | undefined> {
    this.prompts.push({ type: 'pick', title: options.title, items });
    if (this.picks.length === 0) return this.nothingQueued(`quick pick "${options.title}"`);
    const answer = this.picks.shift();
    if (answer === undefined || answer === BACK) return answer;
    const found =
      typeof answer === 'function'
        ? items.find((i) => answer(i.label, i.value))
        : (items.find((i) => i.label === answer) ?? items.find((i) => i.label.includes(answer)));
    if (!found) {
      this.unexpected.push(`no item "${String(answer)}" in "${options.title}": ${items.map((i) => i.label).join(' | ')}`);
      return undefined;
    }
    if (found.disabledReason) {
      this.notifications.push({ kind: 'info', message: found.disabledReason, actions: [] });
      return undefined;
    }
    return found.value;
  }

  async pickMany<T>(items: PickItem<T>[], options: QuickPickOptions): Promise<T[] | Back | undefined> {
    this.prompts.push({ type: 'pickMany', title: options.title, items });
    if (this.manyPicks.length === 0) return this.nothingQueued(`multi-select "${options.title}"`);
    const answer = this.manyPicks.shift();
    if (answer === undefined || answer === BACK) return answer;
    return items.filter((i) => answer.includes(i.label)).map((i) => i.value);
  }

  async confirm(message: string, detail: string): Promise<boolean> {
    this.prompts.push({ type: 'confirm', title: message, detail });
    if (this.confirms.length === 0) {
      this.unexpected.push(`modal confirmation "${message}"`);
      return false;
    }
    return this.confirms.shift() === true;
  }

  async choose(message: string, detail: string, labels: readonly string[]): Promise<string | undefined> {
    this.prompts.push({ type: 'confirm', title: message, detail, buttons: [...labels] });
    if (this.confirms.length === 0) {
      this.unexpected.push(`modal confirmation "${message}"`);
      return undefined;
    }
    const answer = this.confirms.shift();
    if (answer === true) return labels[0];
    return typeof answer === 'string' && labels.includes(answer) ? answer : undefined;
  }

  async notify(kind: NotificationKind, message: string, ...actions: string[]): Promise<string | undefined> {
    this.notifications.push({ kind, message, actions });
    this.waiters.forEach((wake) => wake());
    const index = this.notificationAnswers.findIndex((a) => a.match.test(message));
    if (index < 0) return undefined;
    const [{ action }] = this.notificationAnswers.splice(index, 1);
    return actions.includes(action) ? action : undefined;
  }

  /** Waits until a notification matching `match` has been shown. */
  async notification(match: RegExp, timeoutMs = 15_000): Promise<Shown> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.notifications.find((n) => match.test(n.message));
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`No notification matching ${match} within ${timeoutMs} ms; shown: ${JSON.stringify(this.notifications.map((n) => n.message))}`);
      }
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
      this.waiters = [];
    }
  }

  private nothingQueued(what: string): undefined {
    this.unexpected.push(what);
    return undefined;
  }
}
