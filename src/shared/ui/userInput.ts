// Every prompt and notification goes through UserInput, so one handler serves the palette, menus and
// inline buttons, and host tests can stand in for the person at the keyboard (the one true boundary).
import * as vscode from 'vscode';

/** Returned when the user pressed the Back button of a multi-step input. */
export const BACK: unique symbol = Symbol.for('ebsDr.userInput.back') as never;
export type Back = typeof BACK;

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  picked?: boolean;
  /** Shown but not selectable; choosing it shows `disabledReason` instead. */
  disabledReason?: string;
  value: T;
}

export interface StepOptions {
  title: string;
  step?: number;
  totalSteps?: number;
  /** Shows a Back button (multi-step flows from step 2 on). */
  canGoBack?: boolean;
}

export interface InputBoxOptions extends StepOptions {
  prompt: string;
  value?: string;
  placeholder?: string;
  password?: boolean;
  /** Returns an error message for invalid input, or undefined. */
  validate?: (value: string) => string | undefined;
}

export interface QuickPickOptions extends StepOptions {
  placeholder?: string;
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
}

export type NotificationKind = 'info' | 'warning' | 'error';

export interface UserInput {
  inputBox(options: InputBoxOptions): Promise<string | Back | undefined>;
  pickOne<T>(items: PickItem<T>[], options: QuickPickOptions): Promise<T | Back | undefined>;
  pickMany<T>(items: PickItem<T>[], options: QuickPickOptions): Promise<T[] | Back | undefined>;
  /** A modal warning with one confirming button; true only when the user pressed it. */
  confirm(message: string, detail: string, confirmLabel: string): Promise<boolean>;
  /** A modal warning with several buttons; the label pressed, or undefined for Cancel. */
  choose(message: string, detail: string, labels: readonly string[]): Promise<string | undefined>;
  /** A non-modal notification; resolves with the action pressed, if any. Not awaited for display. */
  notify(kind: NotificationKind, message: string, ...actions: string[]): Promise<string | undefined>;
}

function applyStep(target: vscode.QuickInput, options: StepOptions): void {
  target.title = options.title;
  target.step = options.step;
  target.totalSteps = options.totalSteps;
  target.ignoreFocusOut = true;
}

/** The real implementation on top of the VS Code window API. */
export class VsCodeUserInput implements UserInput {
  inputBox(options: InputBoxOptions): Promise<string | Back | undefined> {
    const box = vscode.window.createInputBox();
    applyStep(box, options);
    box.prompt = options.prompt;
    box.value = options.value ?? '';
    box.placeholder = options.placeholder;
    box.password = options.password ?? false;
    box.buttons = options.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    return new Promise((resolve) => {
      let done = false;
      const finish = (value: string | Back | undefined): void => {
        if (done) return;
        done = true;
        resolve(value);
        box.dispose();
      };
      box.onDidChangeValue((value) => {
        box.validationMessage = options.validate?.(value);
      });
      box.onDidAccept(() => {
        const message = options.validate?.(box.value);
        box.validationMessage = message;
        if (!message) finish(box.value);
      });
      box.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) finish(BACK);
      });
      box.onDidHide(() => finish(undefined));
      box.show();
    });
  }

  pickOne<T>(items: PickItem<T>[], options: QuickPickOptions): Promise<T | Back | undefined> {
    return this.pick(items, options, false).then((picked) => (Array.isArray(picked) ? picked[0] : picked));
  }

  pickMany<T>(items: PickItem<T>[], options: QuickPickOptions): Promise<T[] | Back | undefined> {
    return this.pick(items, options, true) as Promise<T[] | Back | undefined>;
  }

  private pick<T>(items: PickItem<T>[], options: QuickPickOptions, many: boolean): Promise<T[] | Back | undefined> {
    type Item = vscode.QuickPickItem & { source: PickItem<T> };
    const picker = vscode.window.createQuickPick<Item>();
    applyStep(picker, options);
    picker.placeholder = options.placeholder;
    picker.canSelectMany = many;
    picker.matchOnDescription = options.matchOnDescription ?? true;
    picker.matchOnDetail = options.matchOnDetail ?? false;
    picker.buttons = options.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    const quickItems: Item[] = items.map((source) => ({
      label: source.disabledReason ? `$(circle-slash) ${source.label}` : source.label,
      description: source.description,
      detail: source.disabledReason ?? source.detail,
      source,
    }));
    picker.items = quickItems;
    if (many) picker.selectedItems = quickItems.filter((i) => i.source.picked);
    return new Promise((resolve) => {
      let done = false;
      const finish = (value: T[] | Back | undefined): void => {
        if (done) return;
        done = true;
        resolve(value);
        picker.dispose();
      };
      picker.onDidAccept(() => {
        const chosen = many ? picker.selectedItems : picker.activeItems;
        const blocked = chosen.find((i) => i.source.disabledReason);
        if (blocked && !many) {
          void vscode.window.showInformationMessage(blocked.source.disabledReason ?? '');
          return;
        }
        finish(chosen.filter((i) => !i.source.disabledReason).map((i) => i.source.value));
      });
      picker.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) finish(BACK);
      });
      picker.onDidHide(() => finish(undefined));
      picker.show();
    });
  }

  async confirm(message: string, detail: string, confirmLabel: string): Promise<boolean> {
    const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, confirmLabel);
    return choice === confirmLabel;
  }

  async choose(message: string, detail: string, labels: readonly string[]): Promise<string | undefined> {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...labels);
  }

  notify(kind: NotificationKind, message: string, ...actions: string[]): Promise<string | undefined> {
    const show =
      kind === 'error' ? vscode.window.showErrorMessage : kind === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    return Promise.resolve(show(message, ...actions));
  }
}

/** Delegates to a replaceable target: the composition root hands out one instance, tests swap the target. */
export class SwitchableUserInput implements UserInput {
  constructor(public target: UserInput) {}
  inputBox(options: InputBoxOptions): Promise<string | Back | undefined> {
    return this.target.inputBox(options);
  }
  pickOne<T>(items: PickItem<T>[], options: QuickPickOptions): Promise<T | Back | undefined> {
    return this.target.pickOne(items, options);
  }
  pickMany<T>(items: PickItem<T>[], options: QuickPickOptions): Promise<T[] | Back | undefined> {
    return this.target.pickMany(items, options);
  }
  confirm(message: string, detail: string, confirmLabel: string): Promise<boolean> {
    return this.target.confirm(message, detail, confirmLabel);
  }
  choose(message: string, detail: string, labels: readonly string[]): Promise<string | undefined> {
    return this.target.choose(message, detail, labels);
  }
  notify(kind: NotificationKind, message: string, ...actions: string[]): Promise<string | undefined> {
    return this.target.notify(kind, message, ...actions);
  }
}
