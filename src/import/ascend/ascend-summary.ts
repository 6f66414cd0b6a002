/**
 * Summary keys for the typed Ascend views (see summarize-profile.ts; keys are a public contract):
 * - `steps`: step_trace_time rows, values in µs exactly as the file's numbers;
 * - `kernels`: `{rows, byCore}` (kernel count per accelerator core, `N/A` when not given);
 * - `operators`, `communication`, `memory`: row / series counts;
 * - `ascendSources`: where each typed view came from (csv, json, db…).
 * A key is present only when its view was read.
 */
import type { ProfileModel } from '../../model/profile';

export function ascendSummary(p: ProfileModel): Record<string, unknown> {
  const a = p.ascend;
  const out: Record<string, unknown> = {};
  if (a.steps) {
    out['steps'] = a.steps.map((s) => ({
      step: s.step,
      ...(s.deviceId !== null ? { deviceId: s.deviceId } : {}),
      computing: s.computing,
      communicationNotOverlapped: s.communicationNotOverlapped,
      overlapped: s.overlapped,
      communication: s.communication,
      free: s.free,
      stage: s.stage,
      bubble: s.bubble,
      preparing: s.preparing,
    }));
  }
  if (a.kernels) {
    const k = a.kernels;
    const byCore: Record<string, number> = {};
    for (let i = 0; i < k.length; i++) {
      const core = k.strings[k.core[i]!] || 'N/A';
      byCore[core] = (byCore[core] ?? 0) + 1;
    }
    out['kernels'] = { rows: k.length, byCore };
  }
  if (a.operators) out['operators'] = { rows: a.operators.length };
  if (a.communication || a.commMatrix) {
    out['communication'] = {
      ops: a.communication?.length ?? 0,
      links: a.commMatrix?.length ?? 0,
    };
  }
  if (a.memory || a.moduleMemory) {
    out['memory'] = {
      series: (a.memory ?? []).map((s) => ({
        component: s.component,
        device: s.device,
        samples: s.tsUs.length,
      })),
      moduleSeries: a.moduleMemory?.length ?? 0,
    };
  }
  if (Object.keys(a.sources).length > 0) out['ascendSources'] = a.sources;
  return out;
}
