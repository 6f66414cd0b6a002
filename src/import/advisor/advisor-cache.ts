/**
 * The import worker's copy of each profile's advisor inputs (extracted after import, from the
 * worker's own copy of the profile once the profile itself went to the page), so `advisor:run`
 * can run the rules again with the user's thresholds. Only the last few profiles are kept, their
 * long lists packed into typed columns between runs (packed-inputs.ts).
 */
import { runAdvisor } from '../../model/advisor/engine';
import type { AdvisorReport, Thresholds } from '../../model/advisor/types';
import type { ProfileModel } from '../../model/profile';
import type { InputFile } from '../sources/input-file';
import { advisorInputsOf } from './advisor-run';
import { packInputs, unpackInputs, type PackedInputs } from './packed-inputs';

const KEEP = 8;

export class AdvisorInputsCache {
  /** The inputs, or the message of why they could not be extracted; pending while extracted. */
  private readonly inputs = new Map<string, Promise<PackedInputs | string>>();

  /**
   * Extracts and keeps the inputs of `p`, once `after` has resolved (a rejected `after` is kept as
   * its message, as is a failed extraction: never fails the import). `run` asked meanwhile waits
   * for them. Resolves when they are kept.
   */
  keep(
    profileId: string,
    p: ProfileModel,
    files: ReadonlyMap<string, InputFile>,
    after: Promise<unknown> = Promise.resolve(),
  ): Promise<void> {
    const kept = after
      .then(async () => packInputs(await advisorInputsOf(p, files)))
      .catch((e: unknown) => (e instanceof Error ? e.message : String(e)));
    this.inputs.delete(profileId);
    this.inputs.set(profileId, kept);
    while (this.inputs.size > KEEP) this.inputs.delete(this.inputs.keys().next().value!);
    return kept.then(() => undefined);
  }

  async run(profileId: string, thresholds: Partial<Thresholds>): Promise<AdvisorReport> {
    const inp = await this.inputs.get(profileId);
    if (inp === undefined)
      throw new Error('the advisor has no inputs for this profile: open it again');
    if (typeof inp === 'string') throw new Error(`the advisor could not read this profile: ${inp}`);
    return runAdvisor(unpackInputs(inp), thresholds);
  }
}
