/**
 * The import worker's copy of each profile's advisor inputs (extracted right after import,
 * before the profile's buffers are handed to the page), so `advisor:run` can run the rules
 * again with the user's thresholds. Only the last few profiles are kept.
 */
import type { AdvisorInputs } from '../../model/advisor/advisor-inputs';
import { runAdvisor } from '../../model/advisor/engine';
import type { AdvisorReport, Thresholds } from '../../model/advisor/types';
import type { ProfileModel } from '../../model/profile';
import type { InputFile } from '../sources/input-file';
import { advisorInputsOf } from './advisor-run';

const KEEP = 8;

export class AdvisorInputsCache {
  private readonly inputs = new Map<string, AdvisorInputs | string>();

  /** Extracts and keeps the inputs; a failure is kept as its message (never fails the import). */
  async keep(
    profileId: string,
    p: ProfileModel,
    files: ReadonlyMap<string, InputFile>,
  ): Promise<void> {
    this.inputs.delete(profileId);
    try {
      this.inputs.set(profileId, await advisorInputsOf(p, files));
    } catch (e) {
      this.inputs.set(profileId, e instanceof Error ? e.message : String(e));
    }
    while (this.inputs.size > KEEP) this.inputs.delete(this.inputs.keys().next().value!);
  }

  run(profileId: string, thresholds: Partial<Thresholds>): AdvisorReport {
    const inp = this.inputs.get(profileId);
    if (inp === undefined)
      throw new Error('the advisor has no inputs for this profile: open it again');
    if (typeof inp === 'string') throw new Error(`the advisor could not read this profile: ${inp}`);
    return runAdvisor(inp, thresholds);
  }
}
