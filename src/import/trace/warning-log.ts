/** Collects import warnings as counters with the first example of each (never one per event). */
export class WarningLog {
  private readonly byCode = new Map<string, { count: number; example: string }>();

  add(code: string, example: string, count = 1): void {
    const w = this.byCode.get(code);
    if (w) w.count += count;
    else this.byCode.set(code, { count, example });
  }

  addAll(list: readonly { code: string; count: number; example: string }[]): void {
    for (const w of list) this.add(w.code, w.example, w.count);
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  list(): { code: string; count: number; example: string }[] {
    return [...this.byCode].map(([code, w]) => ({ code, count: w.count, example: w.example }));
  }
}
