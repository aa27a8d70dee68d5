// A minimal event emitter for the pure core (vscode.EventEmitter is not available there).

/** What a subscription returns: call dispose() to unsubscribe. */
export interface Disposable {
  dispose(): void;
}

export type Listener<T> = (value: T) => void;

export class Emitter<T> {
  private listeners: Listener<T>[] = [];

  /** Subscribes; the returned disposable unsubscribes. */
  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        // A failing listener must not stop the others (or the tracker's bookkeeping).
        console.error('ebs-dr: drill event listener failed', error);
      }
    }
  }

  dispose(): void {
    this.listeners = [];
  }
}
