/**
 * Runs the advisor on an imported profile where its files are still at hand (the import worker,
 * Node's summarize): reads the few args the rules need (HCCL task sizes) from the args arena or
 * the source file, in coalesced ranges, then extracts the inputs and runs the rules.
 */
import {
  extractAdvisorInputs,
  type AdvisorInputs,
  type ArgsBatchReader,
} from '../../model/advisor/advisor-inputs';
import { runAdvisor } from '../../model/advisor/engine';
import type { AdvisorReport } from '../../model/advisor/types';
import type { ProfileModel } from '../../model/profile';
import type { TraceModel } from '../../model/trace-model';
import { parseJsonBytes } from '../../lib/json-bytes';
import type { InputFile } from '../sources/input-file';

/** Ranges closer than this are read together. */
const COALESCE = 64 << 10;

export function argsReader(
  trace: TraceModel,
  files: ReadonlyMap<string, InputFile>,
): ArgsBatchReader {
  return async (indices) => {
    const a = trace.args;
    const out: unknown[] = indices.map(() => null);
    const decoder = new TextDecoder();
    // The engine's JSON.parse first (these args are small, plain objects), the exact parser when
    // it refuses (NaN, big ids…).
    const parse = (bytes: Uint8Array, s: number, e: number): unknown => {
      try {
        return JSON.parse(decoder.decode(bytes.subarray(s, e))) as unknown;
      } catch {
        try {
          return parseJsonBytes(bytes, s, e);
        } catch {
          return null;
        }
      }
    };
    if (a.arena) {
      indices.forEach((ix, k) => {
        if (ix < 0 || ix >= a.length) return;
        const off = a.offset[ix]!;
        out[k] = parse(a.arena!, off, off + a.size[ix]!);
      });
      return out;
    }
    const file = files.get(a.sourcePath);
    if (!file) return out;
    const order = indices
      .map((ix, k) => ({ ix, k }))
      .filter((x) => x.ix >= 0 && x.ix < a.length)
      .sort((x, y) => a.offset[x.ix]! - a.offset[y.ix]!);
    for (let i = 0; i < order.length;) {
      const start = a.offset[order[i]!.ix]!;
      let end = start + a.size[order[i]!.ix]!;
      let j = i + 1;
      while (
        j < order.length &&
        a.offset[order[j]!.ix]! - end < COALESCE &&
        end - start < 8 << 20
      ) {
        end = Math.max(end, a.offset[order[j]!.ix]! + a.size[order[j]!.ix]!);
        j++;
      }
      const bytes = await file.slice(start, end);
      for (let q = i; q < j; q++) {
        const { ix, k } = order[q]!;
        const off = a.offset[ix]! - start;
        out[k] = parse(bytes, off, off + a.size[ix]!);
      }
      i = j;
    }
    return out;
  };
}

export async function advisorInputsOf(
  p: ProfileModel,
  files: ReadonlyMap<string, InputFile>,
): Promise<AdvisorInputs> {
  return extractAdvisorInputs(p, p.trace ? argsReader(p.trace, files) : null);
}

export async function adviseProfile(
  p: ProfileModel,
  files: ReadonlyMap<string, InputFile>,
): Promise<AdvisorReport> {
  return runAdvisor(await advisorInputsOf(p, files));
}
