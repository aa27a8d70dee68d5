// Every benchmark figure is printed as one line: "name: value unit".
export function figure(name: string, value: number, unit: string): void {
  const rounded = Number.isInteger(value) ? value : Number(value.toFixed(value < 10 ? 3 : 1));
  console.log(`${name}: ${rounded} ${unit}`);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A figure that some platforms cannot measure (thread CPU time): printed only when known. */
export function figureIfKnown(name: string, value: number | undefined, unit: string): void {
  if (value !== undefined) figure(name, value, unit);
}
