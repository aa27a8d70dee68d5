// The small interface through which the drill tracker (the drill issue) tells the Replication view how many
// drills are running: the view shows the count as its badge and marks owners with a running drill or a held
// (billed) drill disk on their rows, and rolls both up on the region rows. Pure.

export interface RunningDrillsDisposable {
  dispose(): void;
}

export interface RunningDrills {
  /** Drills currently executing or clearing (the view's badge; no badge at 0). */
  count(): number;
  /** Fires whenever count(), isRunning() or heldDisks() may have changed. */
  onDidChange(listener: () => void): RunningDrillsDisposable;
  /** Optional: whether the pair or group (`pair-…` / `pg-…`) has a running drill the tracker knows of. */
  isRunning?(ownerId: string): boolean;
  /**
   * Optional: the IDs of the billed drill disks (ebs/statuses.ts isDrillDiskBilled) that finished drills of the pair or
   * group hold, as far as the tracker knows; empty when none. IDs, not a count: the tree adds the drills it listed
   * itself, and the same disk seen by both is one disk.
   */
  heldDisks?(ownerId: string): readonly string[];
  /**
   * Optional: the view badge, the same number the drill status bar shows (running drills while any run, else the drill
   * disks still held) with a localised tooltip saying which; undefined = no badge. Without it the badge is count().
   */
  badge?(): { value: number; tooltip: string } | undefined;
}

/** Until the drill tracker is wired in: no running drills, no badge. */
export const NO_RUNNING_DRILLS: RunningDrills = {
  count: () => 0,
  onDidChange: () => ({ dispose: () => undefined }),
};
