// The one path of every user action (palette, context menu, inline button, notification button, tree click):
// Actions.register() wraps a handler so that it gets an ActionContext, so that cancellation is silent, and so that any
// other failure is logged and shown exactly once, the same way (the composition root passes the one error display,
// ebs/ui/errorMessages.ts, and the one connection guard). Modelled on the Azure extensions' action wrapper.
import * as vscode from 'vscode';
import type { CommandId } from '../commands';
import type { Log } from './log';
import type { UserInput } from './userInput';

/** Thrown (or returned through `ActionContext.cancel()`) to end an action without a word: the user backed out. */
export class ActionCancelled extends Error {
  constructor() {
    super('The action was cancelled.');
    this.name = 'ActionCancelled';
  }
}

/** What a handler knows about the action it serves, and how it asks for what every action needs. */
export interface ActionContext<Connection> {
  /** The command the user invoked. */
  readonly command: CommandId;
  readonly input: UserInput;
  readonly log: Log;
  /**
   * Prefix of the error message if the action fails (e.g. `Could not start a drill for web-01:`); set it as soon as
   * the handler knows what it is acting on.
   */
  errorPrefix: string | undefined;
  /** Offered as Retry on a transient failure; set it when repeating the action is safe (e.g. with the same ClientToken). */
  retry: (() => unknown) | undefined;
  /**
   * The connection of `profileId` (undefined: the active profile). When there is none, the user is told why and
   * offered the way out (Add Profile, Switch Profile…), and the action ends silently.
   */
  requireConnection(profileId?: string): Promise<Connection>;
  /** Ends the action silently. */
  cancel(): never;
}

/** What the composition root provides: the one error display and the one connection guard. */
export interface ActionServices<Connection> {
  input: UserInput;
  log: Log;
  /** True for failures that mean "the user cancelled" (an EbsError from an aborted call, …). */
  isCancellation(error: unknown): boolean;
  /** Shows one failure: explanation, code and RequestId, with Retry / Switch Profile / View Logs as they apply. */
  showError(error: unknown, context: ActionContext<Connection>): Promise<void>;
  /** A usable connection, or undefined after telling the user why not. */
  connect(profileId: string | undefined, context: ActionContext<Connection>): Promise<Connection | undefined>;
}

export type ActionHandler<Connection> = (context: ActionContext<Connection>, ...args: unknown[]) => unknown;

export class Actions<Connection> {
  constructor(private readonly services: ActionServices<Connection>) {}

  /** Registers `command` with VS Code; every invocation runs through run(). */
  register(command: CommandId, handler: ActionHandler<Connection>): vscode.Disposable {
    return vscode.commands.registerCommand(command, (...args: unknown[]) => this.run(command, handler, ...args));
  }

  /** Runs one action: never rejects; a failure is shown once, a cancellation not at all. */
  async run(command: CommandId, handler: ActionHandler<Connection>, ...args: unknown[]): Promise<unknown> {
    const { services } = this;
    const context: ActionContext<Connection> = {
      command,
      input: services.input,
      log: services.log,
      errorPrefix: undefined,
      retry: undefined,
      requireConnection: async (profileId?: string) => {
        const connection = await services.connect(profileId, context);
        if (connection === undefined) throw new ActionCancelled();
        return connection;
      },
      cancel: () => {
        throw new ActionCancelled();
      },
    };
    try {
      return await handler(context, ...args);
    } catch (error) {
      if (error instanceof ActionCancelled || services.isCancellation(error)) return undefined;
      services.log.error(`${command} failed: ${describe(error)}`);
      await services.showError(error, context);
      return undefined;
    }
  }
}

/** For the log: the error's name and code, never its whole message (it may quote input). */
function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.name} ${code}` : error.name;
  }
  return typeof error;
}
