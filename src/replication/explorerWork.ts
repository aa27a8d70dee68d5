// The explorer's work in flight: one cancel signal for everything asked over the current connection (a new
// connection aborts it), the tokens that tell the newest load of a region or an owner's drills from a stale one, and
// which loads are pending (busy, whenIdle). Also what the explorer's parts (regionLoads.ts, explorerDrills.ts) share
// of it: the state of one load and the ExplorerHost they call back. Pure.
import { setMaxListeners } from 'node:events';
import type { EbsClient } from '../ebs/client';
import { Emitter, type Disposable } from '../shared/events';
import type { NodeRef } from './nodes';
import type { RegionContents } from './regionContents';

export type ExplorerClient = Pick<EbsClient, 'listReplicaPairs' | 'listReplicaGroups' | 'describePairDrills' | 'describeReplicaGroupDrills'>;

export type Load<T> =
  | { status: 'idle' }
  | { status: 'loading'; token: number; promise: Promise<void>; previous?: T }
  | { status: 'loaded'; value: T }
  | { status: 'failed'; error: unknown };

/** What the explorer's parts need from it: the connection, its work, its clock, its node handles, and redraws. */
export interface ExplorerHost {
  readonly work: ExplorerWork;
  /** The client of the current connection (undefined: none). */
  client(): ExplorerClient | undefined;
  rootRegionIds(): readonly string[];
  /** The profile shown when side by side. */
  profileId(): string | undefined;
  now(): Date;
  contents(regionId: string): RegionContents | undefined;
  regionRef(regionId: string): NodeRef;
  groupRef(regionId: string, groupId: string): NodeRef;
  pairRef(regionId: string, pairId: string): NodeRef;
  /** Redraws these nodes (none: nothing; undefined: the whole tree). */
  fire(changed: NodeRef[] | undefined): void;
}

export class ExplorerWork {
  private readonly pending = new Set<Promise<unknown>>();
  private readonly busyChanges = new Emitter<boolean>();
  private abort = ExplorerWork.controller();
  private token = 0;

  /** Every request in flight listens on one signal (more than EventTarget's default limit of 10 listeners). */
  private static controller(): AbortController {
    const controller = new AbortController();
    setMaxListeners(0, controller.signal);
    return controller;
  }

  /** What requests over the current connection listen on. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** A new connection: cancels what is in flight; later requests get a fresh signal. */
  cancelAll(): void {
    this.abort.abort();
    this.abort = ExplorerWork.controller();
  }

  /** A token no earlier load had. */
  nextToken(): number {
    return ++this.token;
  }

  /** Fires true when the first load starts and false when the last one ends. */
  onDidChangeBusy(listener: (busy: boolean) => void): Disposable {
    return this.busyChanges.event(listener);
  }

  isBusy(): boolean {
    return this.pending.size > 0;
  }

  /** Resolves once nothing is loading (including loads started while waiting). */
  async whenIdle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  track<T>(work: Promise<T>): Promise<T> {
    const wasBusy = this.pending.size > 0;
    this.pending.add(work);
    if (!wasBusy) this.busyChanges.fire(true);
    const done = (): void => {
      this.pending.delete(work);
      if (this.pending.size === 0) this.busyChanges.fire(false);
    };
    work.then(done, done);
    return work;
  }
}
