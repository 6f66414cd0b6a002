/** The step segments' names and the step-time definitions in the interface language. */
import { t } from '../../i18n/t';
import type { StepSegmentKey } from '../../model/derive/steps';

export function segmentLabel(key: StepSegmentKey): string {
  switch (key) {
    case 'preparing':
      return t('steps:seg_preparing');
    case 'computeOnly':
      return t('steps:seg_compute_only');
    case 'overlapped':
      return t('steps:seg_overlapped');
    case 'communicationNotOverlapped':
      return t('steps:seg_comm_not_overlapped');
    case 'free':
      return t('steps:seg_free');
  }
}

export function segmentTitle(key: StepSegmentKey): string {
  switch (key) {
    case 'preparing':
      return t('steps:seg_preparing_title');
    case 'computeOnly':
      return t('steps:seg_compute_only_title');
    case 'overlapped':
      return t('steps:seg_overlapped_title');
    case 'communicationNotOverlapped':
      return t('steps:seg_comm_not_overlapped_title');
    case 'free':
      return t('steps:seg_free_title');
  }
}

/** What "step time" means everywhere (analysis-definitions.md §2.3), as a message. */
export const stepTimeDefinition = () => t('steps:step_time_definition');
/** The host step (wall): the ProfilerStep#N slice on the host thread, as a message. */
export const hostStepDefinition = () => t('steps:host_step_definition');

/** A step's name ("Step 3", "Whole capture", "… · NPU 0"): stepLabel of model/derive/steps.ts in the interface language. */
export function stepName(step: string, deviceId: string | null): string {
  const s = step === '' ? t('steps:whole_capture') : t('steps:step_n', { step });
  return deviceId !== null && deviceId !== '' && deviceId !== '-1'
    ? t('steps:step_on_npu', { step: s, device: deviceId })
    : s;
}
