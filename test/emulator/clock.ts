// The one emulator clock: starts at a given instant and runs at `speed` times real time.
// Drives state changes and the signature timestamp window.

export class EmulatorClock {
  private baseEmulatedMs: number;
  private baseRealMs: number;
  private speedFactor: number;

  constructor(start?: string | Date | number, speed = 1, private readonly realNow: () => number = Date.now) {
    this.baseRealMs = this.realNow();
    this.baseEmulatedMs = start === undefined ? this.baseRealMs : EmulatorClock.toMs(start);
    this.speedFactor = EmulatorClock.checkSpeed(speed);
  }

  static toMs(value: string | Date | number): number {
    const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
    if (!Number.isFinite(ms)) throw new Error(`Invalid clock time: ${String(value)}`);
    return ms;
  }

  private static checkSpeed(speed: number): number {
    if (!Number.isFinite(speed) || speed < 0) throw new Error(`Invalid clock speed: ${speed}`);
    return speed;
  }

  /** Emulated time in milliseconds since the epoch. */
  nowMs(): number {
    return Math.floor(this.baseEmulatedMs + (this.realNow() - this.baseRealMs) * this.speedFactor);
  }

  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  get speed(): number {
    return this.speedFactor;
  }

  set(value: string | Date | number): void {
    this.baseEmulatedMs = EmulatorClock.toMs(value);
    this.baseRealMs = this.realNow();
  }

  advance(seconds: number): void {
    if (!Number.isFinite(seconds)) throw new Error(`Invalid advance: ${seconds}`);
    this.set(this.nowMs() + seconds * 1000);
  }

  setSpeed(speed: number): void {
    const now = this.nowMs();
    this.speedFactor = EmulatorClock.checkSpeed(speed);
    this.set(now);
  }
}
