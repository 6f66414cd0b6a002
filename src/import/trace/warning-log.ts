import { detailMsg, detailText, type Detail, type Message } from '../../lib/message';

/** One warning code: how often, the first example (English), and that example as a message. */
export interface LoggedWarning {
  code: string;
  count: number;
  example: string;
  exampleMsg?: Message;
}

/** Collects import warnings as counters with the first example of each (never one per event). */
export class WarningLog {
  private readonly byCode = new Map<string, { count: number; example: string; msg?: Message }>();

  add(code: string, example: string | Detail, count = 1): void {
    const w = this.byCode.get(code);
    if (w) w.count += count;
    else {
      const m = detailMsg(example);
      this.byCode.set(code, { count, example: detailText(example), ...(m ? { msg: m } : {}) });
    }
  }

  addAll(list: readonly LoggedWarning[]): void {
    for (const w of list)
      this.add(w.code, w.exampleMsg ? { text: w.example, msg: w.exampleMsg } : w.example, w.count);
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  list(): LoggedWarning[] {
    return [...this.byCode].map(([code, w]) => ({
      code,
      count: w.count,
      example: w.example,
      ...(w.msg ? { exampleMsg: w.msg } : {}),
    }));
  }
}
