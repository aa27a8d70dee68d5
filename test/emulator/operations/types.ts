// The contract between the server and each operation.
import type { ApiError } from '../errors';
import type { Params, ParamSpec } from '../params';
import type { EmulatorState } from '../state';
import type { Account } from '../types';

export interface OperationContext {
  action: string;
  params: Params;
  state: EmulatorState;
  account: Account;
  nowMs: number;
}

export interface Operation {
  action: string;
  params: readonly ParamSpec[];
  /** Needs no permission: DeniedActions do not apply. */
  public?: boolean;
  /** The error for a caller whose DeniedActions name the action. Default: Forbidden.Action. */
  denied?: (action: string) => ApiError;
  /** Mutating operation whose ClientToken makes it idempotent. */
  idempotent?: boolean;
  /** Returns the response body without RequestId; throws ApiError. */
  handle(ctx: OperationContext): Record<string, unknown>;
}
