/** Test helpers: import generated files as the app does and run the advisor on them. */
import type { GeneratedFile } from '../../generator/ascend-profile';
import { advisorInputsOf } from './advisor-run';
import { importProfile } from '../import-profile';
import { openInputs } from '../open-inputs';
import { memoryFile } from '../sources/input-file';
import type { ProfileModel } from '../../model/profile';
import type { AdvisorInputs } from '../../model/advisor/advisor-inputs';
import { runAdvisor } from '../../model/advisor/engine';
import type { AdvisorReport, Finding, Thresholds } from '../../model/advisor/types';

export async function importGenerated(files: GeneratedFile[]): Promise<ProfileModel[]> {
  const opened = await openInputs(files.map((f) => memoryFile(f.path, f.data)));
  const out: ProfileModel[] = [];
  for (const d of opened.discovery.profiles) out.push(await importProfile(d, opened.files, {}));
  return out;
}

export async function adviseGenerated(
  files: GeneratedFile[],
  th: Partial<Thresholds> = {},
): Promise<{ report: AdvisorReport; inputs: AdvisorInputs; profile: ProfileModel }> {
  const opened = await openInputs(files.map((f) => memoryFile(f.path, f.data)));
  const d = opened.discovery.profiles[0]!;
  const profile = await importProfile(d, opened.files, {});
  const inputs = await advisorInputsOf(profile, opened.files);
  return { report: runAdvisor(inputs, th), inputs, profile };
}

export function rule(r: AdvisorReport, id: string): Finding {
  const f = r.findings.find((x) => x.rule === id);
  if (!f) throw new Error(`no finding ${id}`);
  return f;
}
